import { Injectable } from '@nestjs/common';
import type { FiredTimer, TimerHandler } from '@mb/platform';
import { INSTALMENT_REMINDER_TIMER, instalmentOfTimerKey, InstalmentTimersHandler } from '../../application/instalment-timers/instalment-timers.handler';

/** An instalment's reminder day came (keyed `<plan id>:<number>`): the client is reminded if it is still unpaid. */
@Injectable()
export class InstalmentReminderTimer implements TimerHandler {
  readonly timer = INSTALMENT_REMINDER_TIMER;

  constructor(private readonly instalments: InstalmentTimersHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    const { planId, number } = instalmentOfTimerKey(fired.key);
    await this.instalments.remind(planId, number);
  }
}
