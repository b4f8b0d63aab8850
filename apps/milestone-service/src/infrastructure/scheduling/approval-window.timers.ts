import { Injectable } from '@nestjs/common';
import { PermanentEventError } from '@mb/messaging';
import type { FiredTimer, TimerHandler } from '@mb/platform';
import { CloseApprovalWindowHandler } from '../../application/close-approval-window/close-approval-window.handler';
import { RemindApprovalHandler } from '../../application/remind-approval/remind-approval.handler';
import { APPROVAL_TIMERS, REMINDER_OF_TIMER } from '../../domain/milestone/approval-window.policy';

/** Half the approval window has gone: remind the approver. */
@Injectable()
export class HalfWindowReminderTimer implements TimerHandler {
  readonly timer = APPROVAL_TIMERS.halfWindowReminder;

  constructor(private readonly remindApproval: RemindApprovalHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.remindApproval.execute({ milestoneId: fired.key, kind: REMINDER_OF_TIMER[this.timer], closesAt: closesAtOf(fired), dueAt: fired.dueAt });
  }
}

/** The approval window's last day has begun: remind the approver once more. */
@Injectable()
export class LastDayReminderTimer implements TimerHandler {
  readonly timer = APPROVAL_TIMERS.lastDayReminder;

  constructor(private readonly remindApproval: RemindApprovalHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.remindApproval.execute({ milestoneId: fired.key, kind: REMINDER_OF_TIMER[this.timer], closesAt: closesAtOf(fired), dueAt: fired.dueAt });
  }
}

/** The approval window closes: deemed acceptance, or a lapse for the supplier to chase. */
@Injectable()
export class ApprovalWindowClosesTimer implements TimerHandler {
  readonly timer = APPROVAL_TIMERS.windowCloses;

  constructor(private readonly closeApprovalWindow: CloseApprovalWindowHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.closeApprovalWindow.execute({ milestoneId: fired.key, closesAt: closesAtOf(fired) });
  }
}

/** The close of the window a timer was set for (its data, as the submission set it). */
function closesAtOf(fired: FiredTimer): Date {
  const closesAt = fired.data.closes_at;
  const instant = typeof closesAt === 'string' ? new Date(closesAt) : null;
  // Only this service sets its timers: one without the instant would fail the same way on every retry.
  if (instant === null || Number.isNaN(instant.getTime())) throw new PermanentEventError(`timer ${fired.timer} for ${fired.key} carries no closes_at`);
  return instant;
}
