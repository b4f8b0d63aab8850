import type { Timers } from '@mb/kernel';
import { APPROVAL_TIMERS } from '../domain/milestone/approval-window.policy';
import type { Milestone } from '../domain/milestone/milestone';

/**
 * Sets the timers of the milestone's open approval window (its reminders, then its close), each
 * carrying the instant the window closes: a timer left over from an earlier window does nothing.
 */
export async function setApprovalWindowTimers(timers: Timers, milestone: Milestone): Promise<void> {
  const closesAt = milestone.snapshot().approvalDueAt;
  if (closesAt === null) return;
  for (const { timer, dueAt } of milestone.approvalWindowTimers()) {
    await timers.schedule(timer, milestone.id, dueAt, { closes_at: closesAt.toISOString() });
  }
}

/** Cancels whatever is pending of the milestone's approval window: it was answered, or the milestone cancelled. */
export async function cancelApprovalWindowTimers(timers: Timers, milestoneId: string): Promise<void> {
  for (const timer of Object.values(APPROVAL_TIMERS)) await timers.cancel(timer, milestoneId);
}
