import { ConcurrentUpdate } from '@mb/kernel';
import { Milestone, type MilestoneSnapshot } from '../../src/domain/milestone/milestone';
import { type InvoiceOfMilestone, MilestoneRepository } from '../../src/application/ports/milestone.repository';

/** Milestones kept as snapshots with the same optimistic versions as the table, for unit tests. */
export class InMemoryMilestoneRepository extends MilestoneRepository {
  private readonly milestones = new Map<string, MilestoneSnapshot>();
  private readonly invoices = new Map<string, InvoiceOfMilestone>();

  async add(milestone: Milestone): Promise<void> {
    const snapshot = milestone.snapshot();
    if (this.milestones.has(snapshot.id)) throw new Error(`milestone ${snapshot.id} already exists`);
    const taken = [...this.milestones.values()].some(
      (stored) => stored.contractId === snapshot.contractId && stored.milestoneIndex === snapshot.milestoneIndex,
    );
    // The table's unique (contract_id, milestone_index) constraint.
    if (taken) throw new Error(`contract ${snapshot.contractId} already has a milestone ${snapshot.milestoneIndex}`);
    this.milestones.set(snapshot.id, snapshot);
  }

  async save(milestone: Milestone): Promise<void> {
    const changed = milestone.snapshot();
    if (changed.version === milestone.loadedVersion && !milestone.planningChanged) return;
    const stored = this.milestones.get(changed.id);
    if (!stored || stored.version !== milestone.loadedVersion) throw new ConcurrentUpdate('milestone', changed.id);
    this.milestones.set(changed.id, changed);
  }

  async findById(id: string): Promise<Milestone | null> {
    const snapshot = this.milestones.get(id);
    return snapshot ? Milestone.restore(snapshot) : null;
  }

  async findByContractAndIndex(contractId: string, milestoneIndex: number): Promise<Milestone | null> {
    const snapshot = [...this.milestones.values()].find((stored) => stored.contractId === contractId && stored.milestoneIndex === milestoneIndex);
    return snapshot ? Milestone.restore(snapshot) : null;
  }

  async findByInvoice(invoiceId: string): Promise<Milestone | null> {
    const invoice = this.invoices.get(invoiceId);
    return invoice ? this.findById(invoice.milestoneId) : null;
  }

  async listByContract(contractId: string): Promise<Milestone[]> {
    return this.ofContract(contractId).map((snapshot) => Milestone.restore(snapshot));
  }

  async countByContract(contractId: string): Promise<number> {
    return this.ofContract(contractId).length;
  }

  async recordInvoice(invoice: InvoiceOfMilestone): Promise<void> {
    if (!this.invoices.has(invoice.invoiceId)) this.invoices.set(invoice.invoiceId, { ...invoice });
  }

  /** What is stored now, for a test's "then". */
  stored(id: string): MilestoneSnapshot | undefined {
    return this.milestones.get(id);
  }

  /** The contract's stored milestones in schedule order, for a test's "then". */
  ofContract(contractId: string): MilestoneSnapshot[] {
    return [...this.milestones.values()].filter((stored) => stored.contractId === contractId).sort((a, b) => a.milestoneIndex - b.milestoneIndex);
  }

  /** The invoice recorded under this id, for a test's "then". */
  invoice(invoiceId: string): InvoiceOfMilestone | undefined {
    return this.invoices.get(invoiceId);
  }
}
