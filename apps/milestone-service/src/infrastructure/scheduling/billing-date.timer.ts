import { Injectable } from '@nestjs/common';
import type { FiredTimer, TimerHandler } from '@mb/platform';
import { TriggerBillingDateHandler } from '../../application/trigger-billing-date/trigger-billing-date.handler';
import { MILESTONE_TIMERS } from '../../domain/milestone/planned-date.policy';
import { plannedDateOf } from './milestone-due-soon.timer';

/** An on_date milestone's planned date has begun (set for the start of it): bill the milestone. */
@Injectable()
export class BillingDateTimer implements TimerHandler {
  readonly timer = MILESTONE_TIMERS.billingDate;

  constructor(private readonly triggerBillingDate: TriggerBillingDateHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.triggerBillingDate.execute({ milestoneId: fired.key, plannedDate: plannedDateOf(fired), dueAt: fired.dueAt });
  }
}
