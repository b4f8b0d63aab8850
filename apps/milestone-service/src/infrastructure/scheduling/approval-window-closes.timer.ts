import { Injectable } from '@nestjs/common';
import { PermanentEventError } from '@mb/messaging';
import type { FiredTimer, TimerHandler } from '@mb/platform';
import { CloseApprovalWindowHandler } from '../../application/close-approval-window/close-approval-window.handler';
import { APPROVAL_TIMERS } from '../../domain/milestone/approval-window.policy';

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
export function closesAtOf(fired: FiredTimer): Date {
  const closesAt = fired.data.closes_at;
  const instant = typeof closesAt === 'string' ? new Date(closesAt) : null;
  // Only this service sets its timers: one without the instant would fail the same way on every retry.
  if (instant === null || Number.isNaN(instant.getTime())) throw new PermanentEventError(`timer ${fired.timer} for ${fired.key} carries no closes_at`);
  return instant;
}
