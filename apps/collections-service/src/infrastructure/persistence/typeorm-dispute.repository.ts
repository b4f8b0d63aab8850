import { Injectable } from '@nestjs/common';
import { type FindOptionsWhere, QueryFailedError } from 'typeorm';
import { ConcurrentUpdate } from '@mb/kernel';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { Dispute, type DisputeSnapshot, type DisputeStatus } from '../../domain/dispute/dispute';
import { DisputeErrors } from '../../domain/dispute/dispute.errors';
import { DisputeRepository } from '../../application/ports/dispute.repository';
import { DisputeEntity, type DisputeRecord } from './dispute.orm-entity';

const ONE_OPEN_PER_INVOICE_INDEX = 'disputes_one_open_per_invoice';

@Injectable()
export class TypeOrmDisputeRepository extends DisputeRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async findById(id: string, options: { forUpdate?: boolean } = {}): Promise<Dispute | null> {
    const record = options.forUpdate
      ? await this.unitOfWork.currentManager().findOne(DisputeEntity, { where: { id }, lock: { mode: 'pessimistic_write' } })
      : await this.unitOfWork.readManager().findOneBy(DisputeEntity, { id });
    return record ? Dispute.restore(snapshotOf(record)) : null;
  }

  async findOpenOnInvoice(invoiceId: string): Promise<Dispute | null> {
    const record = await this.unitOfWork.currentManager().findOneBy(DisputeEntity, { invoiceId, status: 'open' });
    return record ? Dispute.restore(snapshotOf(record)) : null;
  }

  async list(filter: { clientId?: string; status?: DisputeStatus }): Promise<Dispute[]> {
    const where: FindOptionsWhere<DisputeRecord> = {};
    if (filter.clientId !== undefined) where.clientId = filter.clientId;
    if (filter.status !== undefined) where.status = filter.status;
    const records = await this.unitOfWork.readManager().find(DisputeEntity, { where, order: { openedAt: 'DESC', id: 'DESC' } });
    return records.map((record) => Dispute.restore(snapshotOf(record)));
  }

  async add(dispute: Dispute): Promise<void> {
    const snapshot = dispute.snapshot();
    try {
      await this.unitOfWork.currentManager().insert(DisputeEntity, { ...recordOf(snapshot), version: 1 });
    } catch (error) {
      if (isUniqueViolationOf(error, ONE_OPEN_PER_INVOICE_INDEX)) throw DisputeErrors.alreadyOpen(snapshot.invoiceId, 'opened at the same time');
      throw error;
    }
  }

  async save(dispute: Dispute): Promise<void> {
    const snapshot = dispute.snapshot();
    const { id, version, ...fields } = recordOf(snapshot);
    const result = await this.unitOfWork.currentManager().update(DisputeEntity, { id, version }, { ...fields, version: version + 1 });
    if (result.affected !== 1) throw new ConcurrentUpdate('dispute', id);
  }
}

function recordOf(snapshot: DisputeSnapshot): DisputeRecord {
  const { resolution, withdrawal, openedBy, ...fields } = snapshot;
  // A withdrawal ends the dispute as a resolution does: its who, when and note share the columns.
  return {
    ...fields,
    openedByRole: openedBy.role,
    openedBySubject: openedBy.subject,
    resolutionNote: resolution?.note ?? withdrawal?.note ?? null,
    creditAmountCents: resolution?.creditAmountCents ?? null,
    resolvedByRole: resolution?.resolvedBy.role ?? withdrawal?.withdrawnBy.role ?? null,
    resolvedBySubject: resolution?.resolvedBy.subject ?? withdrawal?.withdrawnBy.subject ?? null,
    resolvedAt: resolution?.resolvedAt ?? withdrawal?.withdrawnAt ?? null,
  };
}

function snapshotOf(record: DisputeRecord): DisputeSnapshot {
  const ended = record.status !== 'open' && record.resolvedAt !== null && record.resolvedByRole !== null;
  const endedBy = { role: record.resolvedByRole as NonNullable<DisputeRecord['resolvedByRole']>, subject: record.resolvedBySubject ?? '' };
  return {
    id: record.id,
    clientId: record.clientId,
    invoiceId: record.invoiceId,
    invoiceNumber: record.invoiceNumber,
    contractId: record.contractId,
    currency: record.currency,
    amountCents: record.amountCents,
    invoiceBalanceCents: record.invoiceBalanceCents,
    wholeInvoice: record.wholeInvoice,
    reason: record.reason,
    status: record.status,
    openedBy: { role: record.openedByRole, subject: record.openedBySubject },
    openedAt: record.openedAt,
    resolution:
      ended && record.status !== 'withdrawn'
        ? {
            outcome: record.status === 'upheld' ? 'upheld' : 'rejected',
            note: record.resolutionNote ?? '',
            creditAmountCents: record.creditAmountCents,
            resolvedBy: endedBy,
            resolvedAt: record.resolvedAt as Date,
          }
        : null,
    withdrawal: ended && record.status === 'withdrawn' ? { note: record.resolutionNote, withdrawnBy: endedBy, withdrawnAt: record.resolvedAt as Date } : null,
    version: record.version,
  };
}

function isUniqueViolationOf(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}
