import { ConcurrentUpdate } from '@mb/kernel';
import { InvoiceRepository } from '../../src/application/ports/invoice.repository';
import { Invoice, type InvoiceSnapshot } from '../../src/domain/invoice/invoice';

/**
 * Invoices kept as snapshots with the table's rules: one invoice per milestone, optimistic
 * versions. Locks are not modelled: a unit test runs one use case at a time.
 */
export class InMemoryInvoiceRepository extends InvoiceRepository {
  private readonly invoices = new Map<string, InvoiceSnapshot>();

  async add(invoice: Invoice): Promise<boolean> {
    const snapshot = invoice.snapshot();
    if (this.invoices.has(snapshot.id)) throw new Error(`invoice ${snapshot.id} already exists`);
    if (snapshot.milestoneIndex !== null && this.all().some((stored) => stored.contractId === snapshot.contractId && stored.milestoneIndex === snapshot.milestoneIndex)) return false;
    // The retainage_releases primary key: each invoice's retainage is released once.
    const releasedBefore = new Set(this.all().flatMap((stored) => stored.releasedInvoices.map((released) => released.invoiceId)));
    const again = snapshot.releasedInvoices.find((released) => releasedBefore.has(released.invoiceId));
    if (again) throw new Error(`the retainage of invoice ${again.invoiceId} is already released`);
    this.invoices.set(snapshot.id, { ...snapshot, version: 1 });
    return true;
  }

  async findById(id: string): Promise<Invoice | null> {
    const snapshot = this.invoices.get(id);
    return snapshot ? Invoice.restore(snapshot) : null;
  }

  async findByMilestone(contractId: string, milestoneIndex: number): Promise<Invoice | null> {
    const snapshot = this.all().find((stored) => stored.contractId === contractId && stored.milestoneIndex === milestoneIndex);
    return snapshot ? Invoice.restore(snapshot) : null;
  }

  async findByIds(ids: readonly string[]): Promise<Invoice[]> {
    return this.all()
      .filter((stored) => ids.includes(stored.id))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((snapshot) => Invoice.restore(snapshot));
  }

  async findOpenOfClient(clientId: string, currency: string): Promise<Invoice[]> {
    return this.all()
      .filter((stored) => stored.clientId === clientId && stored.currency === currency && stored.status === 'open')
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((snapshot) => Invoice.restore(snapshot));
  }

  async findByContract(contractId: string): Promise<Invoice[]> {
    return this.all()
      .filter((stored) => stored.contractId === contractId)
      .sort((a, b) => (a.milestoneIndex ?? Number.MAX_SAFE_INTEGER) - (b.milestoneIndex ?? Number.MAX_SAFE_INTEGER))
      .map((snapshot) => Invoice.restore(snapshot));
  }

  async findOpenUnannounced(afterId: string | null, limit: number): Promise<Invoice[]> {
    return this.all()
      .filter((stored) => stored.status === 'open' && stored.overdueAnnouncedAt === null && (afterId === null || stored.id > afterId))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map((snapshot) => Invoice.restore(snapshot));
  }

  async save(invoice: Invoice): Promise<void> {
    const changed = invoice.snapshot();
    const stored = this.invoices.get(changed.id);
    if (!stored || stored.version !== changed.version) throw new ConcurrentUpdate('invoice', changed.id);
    this.invoices.set(changed.id, { ...changed, version: changed.version + 1 });
  }

  /** What is stored now, for a test's "then". */
  stored(id: string): InvoiceSnapshot | undefined {
    return this.invoices.get(id);
  }

  all(): InvoiceSnapshot[] {
    return [...this.invoices.values()];
  }
}
