import { DisputeRepository } from '../../src/application/ports/dispute.repository';
import type { Dispute, DisputeStatus } from '../../src/domain/dispute/dispute';

/** Disputes in memory, newest last; one open dispute per invoice is the caller's business here. */
export class InMemoryDisputeRepository extends DisputeRepository {
  private readonly disputes: Dispute[] = [];

  async findById(id: string): Promise<Dispute | null> {
    return this.disputes.find((dispute) => dispute.id === id) ?? null;
  }

  async findOpenOnInvoice(invoiceId: string): Promise<Dispute | null> {
    return this.disputes.find((dispute) => dispute.status === 'open' && dispute.snapshot().invoiceId === invoiceId) ?? null;
  }

  async list(filter: { clientId?: string; status?: DisputeStatus }): Promise<Dispute[]> {
    return this.disputes
      .filter((dispute) => (!filter.clientId || dispute.snapshot().clientId === filter.clientId) && (!filter.status || dispute.status === filter.status))
      .reverse();
  }

  async add(dispute: Dispute): Promise<void> {
    this.disputes.push(dispute);
  }

  async save(): Promise<void> {
    // the aggregate is kept by reference
  }
}
