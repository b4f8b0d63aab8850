import { Injectable } from '@nestjs/common';
import { PermanentEventError } from '@mb/messaging';
import type { FiredTimer, TimerHandler } from '@mb/platform';
import { AnnounceDueSoonHandler } from '../../application/announce-due-soon/announce-due-soon.handler';
import { MILESTONE_TIMERS } from '../../domain/milestone/planned-date.policy';

/** A milestone's advance notice falls due (set N days before its planned date): announce it. */
@Injectable()
export class MilestoneDueSoonTimer implements TimerHandler {
  readonly timer = MILESTONE_TIMERS.dueSoon;

  constructor(private readonly announceDueSoon: AnnounceDueSoonHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.announceDueSoon.execute({ milestoneId: fired.key, plannedDate: plannedDateOf(fired), dueAt: fired.dueAt });
  }
}

/** The planned date a milestone's timer was set for (its data, as the use cases set it). */
export function plannedDateOf(fired: FiredTimer): string {
  const plannedDate = fired.data.planned_date;
  // Only this service sets its timers: one without a date would fail the same way on every retry.
  if (typeof plannedDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(plannedDate)) {
    throw new PermanentEventError(`timer ${fired.timer} for ${fired.key} carries no planned_date`);
  }
  return plannedDate;
}
