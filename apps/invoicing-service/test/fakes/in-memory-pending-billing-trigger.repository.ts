import { PendingBillingTriggerRepository, type PendingBillingTrigger } from '../../src/application/ports/pending-billing-trigger.repository';

/** Parked triggers keyed by milestone; like the table, the first one parked for a milestone stays. */
export class InMemoryPendingBillingTriggerRepository extends PendingBillingTriggerRepository {
  private readonly triggers = new Map<string, PendingBillingTrigger>();

  async park(trigger: PendingBillingTrigger): Promise<void> {
    const key = keyOf(trigger.contractId, trigger.milestoneIndex);
    if (!this.triggers.has(key)) this.triggers.set(key, trigger);
  }

  async takeAll(contractId: string): Promise<PendingBillingTrigger[]> {
    const taken = this.parked(contractId);
    for (const trigger of taken) this.triggers.delete(keyOf(trigger.contractId, trigger.milestoneIndex));
    return taken;
  }

  /** The contract's parked triggers in milestone order, left parked. */
  parked(contractId: string): PendingBillingTrigger[] {
    return [...this.triggers.values()].filter((trigger) => trigger.contractId === contractId).sort((a, b) => a.milestoneIndex - b.milestoneIndex);
  }
}

function keyOf(contractId: string, milestoneIndex: number): string {
  return `${contractId}#${milestoneIndex}`;
}
