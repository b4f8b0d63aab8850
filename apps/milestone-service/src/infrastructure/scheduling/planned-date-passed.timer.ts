import { Injectable } from '@nestjs/common';
import type { FiredTimer, TimerHandler } from '@mb/platform';
import { AnnounceDelayHandler } from '../../application/announce-delay/announce-delay.handler';
import { MILESTONE_TIMERS } from '../../domain/milestone/planned-date.policy';
import { plannedDateOf } from './milestone-due-soon.timer';

/** A milestone's planned date has passed (set for the start of the day after it): a milestone not yet submitted is late. */
@Injectable()
export class PlannedDatePassedTimer implements TimerHandler {
  readonly timer = MILESTONE_TIMERS.plannedDatePassed;

  constructor(private readonly announceDelay: AnnounceDelayHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.announceDelay.execute({ milestoneId: fired.key, plannedDate: plannedDateOf(fired), dueAt: fired.dueAt });
  }
}
