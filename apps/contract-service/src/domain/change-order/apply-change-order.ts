import type { ChangeOrder } from './change-order';
import type { Contract } from '../contract/contract';
import { type MilestoneProgress, isBilledOrTriggered } from '../contract/milestone-progress';

/**
 * The milestones a change order may not touch, by index with their status: billing has begun or is
 * done (triggered, invoiced, paid), or the milestone was cancelled, as contract-service last heard
 * it from milestone-service. A transition still in flight is caught there: milestone-service leaves
 * a milestone billed meanwhile as it is (docs/architecture.md, "Contract amendments").
 */
export function lockedMilestonesOf(progress: MilestoneProgress): ReadonlyMap<number, string> {
  return new Map([...progress].filter(([, status]) => isBilledOrTriggered(status) || status === 'cancelled'));
}

/**
 * A change order takes effect on the contract: checked against the contract as it is now (same
 * base version, nothing it touches billed since), the contract moves to the next schedule version
 * and the change order is approved. The caller saves both, with the version and the events.
 */
export function applyChangeOrder(
  changeOrder: ChangeOrder,
  contract: Contract,
  lockedMilestones: ReadonlyMap<number, string>,
  approval: 'client' | 'unilateral',
  approvedBy: string,
  now: Date,
): void {
  changeOrder.assertStillApplies(contract.snapshot(), lockedMilestones);
  const proposed = changeOrder.snapshot();
  contract.amend(
    { totalValueCents: proposed.totalValueCents, netDays: proposed.netDays, milestones: proposed.milestones, warnings: proposed.warnings },
    { changeOrderId: proposed.id, reason: proposed.reason, approval, approvedBy, milestoneChanges: proposed.milestoneChanges },
    now,
  );
  changeOrder.approve(approvedBy, contract.scheduleVersion, now);
}
