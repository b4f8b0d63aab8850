import { Injectable } from '@nestjs/common';
import type { FiredTimer, TimerHandler } from '@mb/platform';
import { INSTALMENT_DEADLINE_TIMER, instalmentOfTimerKey, InstalmentTimersHandler } from '../../application/instalment-timers/instalment-timers.handler';

/** An instalment's grace period ended (keyed `<plan id>:<number>`): the plan breaks if it is still unpaid. */
@Injectable()
export class InstalmentDeadlineTimer implements TimerHandler {
  readonly timer = INSTALMENT_DEADLINE_TIMER;

  constructor(private readonly instalments: InstalmentTimersHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    const { planId, number } = instalmentOfTimerKey(fired.key);
    await this.instalments.checkDeadline(planId, number);
  }
}
