import { Injectable } from '@nestjs/common';
import type { FiredTimer, TimerHandler } from '@mb/platform';
import { RETAINAGE_RELEASE_DATE_TIMER, ReleaseRetainageHandler } from '../../application/release-retainage/release-retainage.handler';

/**
 * A contract's retainage release date has come (the timer keyed by the contract id, due at the
 * start of that date in the client's zone): what has been withheld so far and not released is
 * billed, dated that day. It runs in the firing's unit of work with the firing's inbox record, so a
 * timer that fires twice releases once.
 */
@Injectable()
export class RetainageReleaseDateTimer implements TimerHandler {
  readonly timer = RETAINAGE_RELEASE_DATE_TIMER;

  constructor(private readonly releaseRetainage: ReleaseRetainageHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.releaseRetainage.execute({ contractId: fired.key, occasion: 'release_date', occurredAt: fired.dueAt });
  }
}
