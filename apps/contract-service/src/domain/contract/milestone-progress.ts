import type { MilestoneStatus } from '@mb/events';

export type { MilestoneStatus };

/**
 * Each milestone's status as contract-service last heard it from milestone-service
 * (milestone.status_updated), by milestone index. milestone-service owns the lifecycle; the
 * contract keeps this view to decide what a change order may touch, what a termination bills and
 * when the contract is complete (issue 14).
 */
export type MilestoneProgress = ReadonlyMap<number, MilestoneStatus>;

export const NO_PROGRESS_HEARD: MilestoneProgress = new Map();

/** Billing has begun or is done: a change order must leave the milestone as it is. */
const BILLED_OR_TRIGGERED: ReadonlySet<MilestoneStatus> = new Set(['triggered_for_disbursement', 'invoiced', 'paid']);

/** Nothing is left to do for the milestone: the contract completes once all of its milestones are. */
const SETTLED: ReadonlySet<MilestoneStatus> = new Set(['paid', 'cancelled']);

export function isBilledOrTriggered(status: MilestoneStatus): boolean {
  return BILLED_OR_TRIGGERED.has(status);
}

export function isSettled(status: MilestoneStatus): boolean {
  return SETTLED.has(status);
}

/**
 * A milestone's status as heard; `planned` until milestone-service announces a transition (it
 * announces none when it plans the milestones, so silence means the work has not started).
 */
export function statusAsHeard(progress: MilestoneProgress, milestoneIndex: number): MilestoneStatus {
  return progress.get(milestoneIndex) ?? 'planned';
}
