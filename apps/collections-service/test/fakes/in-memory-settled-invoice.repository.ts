import { SettledInvoiceRepository } from '../../src/application/ports/settled-invoice.repository';

/** Settled invoices kept in a map, first settlement kept, for unit tests. */
export class InMemorySettledInvoiceRepository extends SettledInvoiceRepository {
  private readonly settled = new Map<string, Date>();

  async add(invoiceId: string, settledAt: Date): Promise<void> {
    if (!this.settled.has(invoiceId)) this.settled.set(invoiceId, settledAt);
  }

  async isSettled(invoiceId: string): Promise<boolean> {
    return this.settled.has(invoiceId);
  }

  /** When the invoice was first settled, for a test's "then". */
  settledAt(invoiceId: string): Date | undefined {
    return this.settled.get(invoiceId);
  }
}
