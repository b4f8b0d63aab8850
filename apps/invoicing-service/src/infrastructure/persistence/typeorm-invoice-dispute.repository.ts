import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { InvoiceDisputeRepository, type InvoiceDisputeRecord } from '../../application/ports/invoice-dispute.repository';

interface InvoiceDisputeRow {
  dispute_id: string;
  invoice_id: string;
  status: InvoiceDisputeRecord['status'];
  credit_note_id: string | null;
}

@Injectable()
export class TypeOrmInvoiceDisputeRepository extends InvoiceDisputeRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async recordOpened(dispute: { disputeId: string; invoiceId: string; openedAt: Date }): Promise<void> {
    await this.unitOfWork.currentManager().query(
      `INSERT INTO invoicing.invoice_disputes (dispute_id, invoice_id, status, opened_at) VALUES ($1, $2, 'open', $3) ON CONFLICT (dispute_id) DO NOTHING`,
      [dispute.disputeId, dispute.invoiceId, dispute.openedAt],
    );
  }

  async findForUpdate(disputeId: string): Promise<InvoiceDisputeRecord | null> {
    const rows: InvoiceDisputeRow[] = await this.unitOfWork
      .currentManager()
      .query(`SELECT dispute_id, invoice_id, status, credit_note_id FROM invoicing.invoice_disputes WHERE dispute_id = $1 FOR UPDATE`, [disputeId]);
    const row = rows[0];
    return row ? { disputeId: row.dispute_id, invoiceId: row.invoice_id, status: row.status, creditNoteId: row.credit_note_id } : null;
  }

  async recordResolved(dispute: { disputeId: string; invoiceId: string; status: 'upheld' | 'rejected'; openedAt: Date; resolvedAt: Date }): Promise<void> {
    await this.unitOfWork.currentManager().query(
      `INSERT INTO invoicing.invoice_disputes (dispute_id, invoice_id, status, opened_at, resolved_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (dispute_id) DO UPDATE SET status = EXCLUDED.status, resolved_at = EXCLUDED.resolved_at`,
      [dispute.disputeId, dispute.invoiceId, dispute.status, dispute.openedAt, dispute.resolvedAt],
    );
  }

  async recordWithdrawn(dispute: { disputeId: string; invoiceId: string; openedAt: Date; withdrawnAt: Date }): Promise<void> {
    await this.unitOfWork.currentManager().query(
      `INSERT INTO invoicing.invoice_disputes (dispute_id, invoice_id, status, opened_at, resolved_at) VALUES ($1, $2, 'withdrawn', $3, $4)
       ON CONFLICT (dispute_id) DO UPDATE SET status = 'withdrawn', resolved_at = EXCLUDED.resolved_at`,
      [dispute.disputeId, dispute.invoiceId, dispute.openedAt, dispute.withdrawnAt],
    );
  }

  async recordCredited(disputeId: string, creditNoteId: string): Promise<void> {
    await this.unitOfWork.currentManager().query(`UPDATE invoicing.invoice_disputes SET credit_note_id = $2 WHERE dispute_id = $1`, [disputeId, creditNoteId]);
  }

  async recordNotCredited(disputeId: string, reason: string): Promise<void> {
    await this.unitOfWork.currentManager().query(`UPDATE invoicing.invoice_disputes SET not_credited_reason = $2 WHERE dispute_id = $1`, [disputeId, reason]);
  }

  async inDisputeAmong(invoiceIds: readonly string[]): Promise<ReadonlySet<string>> {
    if (invoiceIds.length === 0) return new Set();
    const rows: { invoice_id: string }[] = await this.unitOfWork
      .readManager()
      .query(`SELECT DISTINCT invoice_id FROM invoicing.invoice_disputes WHERE status = 'open' AND invoice_id = ANY($1)`, [invoiceIds]);
    return new Set(rows.map((row) => row.invoice_id));
  }
}
