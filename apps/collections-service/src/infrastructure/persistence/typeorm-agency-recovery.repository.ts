import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { type AgencyRecovery, AgencyRecoveryRepository } from '../../application/ports/agency-recovery.repository';

interface AgencyRecoveryRow {
  id: string;
  case_id: string;
  agency: string;
  payment_id: string;
  currency: string;
  gross_cents: string;
  agency_fee_cents: string;
  received_on: string;
  external_reference: string;
  recorded_by: string;
  recorded_at: Date;
}

const COLUMNS = `id, case_id, agency, payment_id, currency, gross_cents, agency_fee_cents, to_char(received_on, 'YYYY-MM-DD') AS received_on, external_reference, recorded_by, recorded_at`;

@Injectable()
export class TypeOrmAgencyRecoveryRepository extends AgencyRecoveryRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async addOnce(recovery: AgencyRecovery): Promise<'added' | 'duplicate'> {
    const inserted: unknown[] = await this.unitOfWork.currentManager().query(
      `INSERT INTO collections.agency_recoveries (id, case_id, agency, payment_id, currency, gross_cents, agency_fee_cents, received_on, external_reference, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (case_id, external_reference) DO NOTHING RETURNING id`,
      [
        recovery.id,
        recovery.caseId,
        recovery.agency,
        recovery.paymentId,
        recovery.currency,
        recovery.grossCents,
        recovery.agencyFeeCents,
        recovery.receivedOn,
        recovery.externalReference,
        recovery.recordedBy,
        recovery.recordedAt,
      ],
    );
    return inserted.length === 1 ? 'added' : 'duplicate';
  }

  async findByReference(caseId: string, externalReference: string): Promise<AgencyRecovery | null> {
    const [row]: AgencyRecoveryRow[] = await this.unitOfWork
      .readManager()
      .query(`SELECT ${COLUMNS} FROM collections.agency_recoveries WHERE case_id = $1 AND external_reference = $2`, [caseId, externalReference]);
    return row ? recoveryOf(row) : null;
  }

  async ofCase(caseId: string): Promise<AgencyRecovery[]> {
    const rows: AgencyRecoveryRow[] = await this.unitOfWork
      .readManager()
      .query(`SELECT ${COLUMNS} FROM collections.agency_recoveries WHERE case_id = $1 ORDER BY recorded_at, id`, [caseId]);
    return rows.map(recoveryOf);
  }
}

function recoveryOf(row: AgencyRecoveryRow): AgencyRecovery {
  return {
    id: row.id,
    caseId: row.case_id,
    agency: row.agency,
    paymentId: row.payment_id,
    currency: row.currency,
    grossCents: Number(row.gross_cents),
    agencyFeeCents: Number(row.agency_fee_cents),
    receivedOn: row.received_on,
    externalReference: row.external_reference,
    recordedBy: row.recorded_by,
    recordedAt: new Date(row.recorded_at),
  };
}
