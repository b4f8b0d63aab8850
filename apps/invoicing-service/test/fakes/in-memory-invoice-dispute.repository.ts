import { InvoiceDisputeRepository, type InvoiceDisputeRecord } from '../../src/application/ports/invoice-dispute.repository';

/** Invoicing's record of disputes, in memory: what collections announced, by dispute id. */
export class InMemoryInvoiceDisputeRepository extends InvoiceDisputeRepository {
  private readonly disputes = new Map<string, InvoiceDisputeRecord>();

  async recordOpened(dispute: { disputeId: string; invoiceId: string }): Promise<void> {
    if (!this.disputes.has(dispute.disputeId)) this.disputes.set(dispute.disputeId, { disputeId: dispute.disputeId, invoiceId: dispute.invoiceId, status: 'open', creditNoteId: null });
  }

  async findForUpdate(disputeId: string): Promise<InvoiceDisputeRecord | null> {
    return this.disputes.get(disputeId) ?? null;
  }

  async recordResolved(dispute: { disputeId: string; invoiceId: string; status: 'upheld' | 'rejected' }): Promise<void> {
    const known = this.disputes.get(dispute.disputeId);
    this.disputes.set(dispute.disputeId, { disputeId: dispute.disputeId, invoiceId: dispute.invoiceId, status: dispute.status, creditNoteId: known?.creditNoteId ?? null });
  }

  async recordWithdrawn(dispute: { disputeId: string; invoiceId: string }): Promise<void> {
    this.disputes.set(dispute.disputeId, { disputeId: dispute.disputeId, invoiceId: dispute.invoiceId, status: 'withdrawn', creditNoteId: null });
  }

  async recordCredited(disputeId: string, creditNoteId: string): Promise<void> {
    const known = this.disputes.get(disputeId);
    if (known) this.disputes.set(disputeId, { ...known, creditNoteId });
  }

  async recordNotCredited(): Promise<void> {
    // what could not be credited is kept for finance in the database; nothing here reads it
  }

  async inDisputeAmong(invoiceIds: readonly string[]): Promise<ReadonlySet<string>> {
    const open = [...this.disputes.values()].filter((dispute) => dispute.status === 'open').map((dispute) => dispute.invoiceId);
    return new Set(invoiceIds.filter((id) => open.includes(id)));
  }
}
