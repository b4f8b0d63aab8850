import { Injectable } from '@nestjs/common';
import type { FiredTimer, TimerHandler } from '@mb/platform';
import { RemindApprovalHandler } from '../../application/remind-approval/remind-approval.handler';
import { APPROVAL_TIMERS, REMINDER_OF_TIMER } from '../../domain/milestone/approval-window.policy';
import { closesAtOf } from './approval-window-closes.timer';

/** The approval window's last day has begun: remind the approver once more. */
@Injectable()
export class LastDayReminderTimer implements TimerHandler {
  readonly timer = APPROVAL_TIMERS.lastDayReminder;

  constructor(private readonly remindApproval: RemindApprovalHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.remindApproval.execute({ milestoneId: fired.key, kind: REMINDER_OF_TIMER[this.timer], closesAt: closesAtOf(fired), dueAt: fired.dueAt });
  }
}
