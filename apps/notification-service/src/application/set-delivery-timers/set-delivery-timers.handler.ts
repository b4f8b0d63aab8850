import { Injectable } from '@nestjs/common';
import { Timers, UnitOfWork } from '@mb/kernel';
import { DELIVERY_DUE_TIMER } from '../dispatch-delivery/dispatch-delivery.handler';
import { DeliveryRepository, type PendingAttempt } from '../ports/delivery.repository';

/** How many pending deliveries one unit of work sets timers for. */
export const TIMER_PAGE_SIZE = 500;

/** How many stranded deliveries one sweep re-arms (the next sweep takes the rest). */
export const STRANDED_PAGE_SIZE = 500;

/**
 * Sets the timer of every pending delivery at its next attempt, a page per unit of work, and
 * answers how many. Run at start: a delivery planned or retried by a version of the service that
 * polled the table instead (before issue 9), or by such an instance during a rolling upgrade, has
 * no timer, and would otherwise never be tried again. Setting a timer again only moves it to the
 * same instant, and a timer more than a delivery needs finds it sent or not due and does nothing
 * (DispatchDeliveryHandler), so running it on every start is harmless.
 */
@Injectable()
export class SetDeliveryTimersHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly deliveries: DeliveryRepository,
    private readonly timers: Timers,
  ) {}

  async execute(): Promise<number> {
    let set = 0;
    let after: PendingAttempt | null = null;
    for (;;) {
      const page = await this.deliveries.pendingAttempts(after, TIMER_PAGE_SIZE);
      if (page.length === 0) return set;
      await this.unitOfWork.run(async () => {
        for (const { deliveryId, nextAttemptAt } of page) await this.timers.schedule(DELIVERY_DUE_TIMER, deliveryId, nextAttemptAt);
      });
      set += page.length;
      after = page[page.length - 1];
    }
  }

  /**
   * Sets the timer, due now, of every pending delivery that was due more than `graceMs` before
   * `now` and that no claim has held for `graceMs` either (up to STRANDED_PAGE_SIZE): a delivery
   * whose timer should have fired and did not. Run periodically by every instance. A timer can be
   * lost when the database goes away mid-firing: the firing's transaction (which set the timer
   * again at the claim's lease end) rolls back, and pg-boss cannot record the failure either, so
   * its job stays active until pg-boss expires it minutes later. Setting a timer that was not lost
   * only brings it forward to a delivery already due, whose claim decides who sends it: harmless.
   */
  async rearmStranded(now: Date, graceMs: number): Promise<number> {
    const stranded = await this.deliveries.strandedAttempts(new Date(now.getTime() - graceMs), graceMs, STRANDED_PAGE_SIZE);
    if (stranded.length === 0) return 0;
    await this.unitOfWork.run(async () => {
      for (const { deliveryId } of stranded) await this.timers.schedule(DELIVERY_DUE_TIMER, deliveryId, now);
    });
    return stranded.length;
  }
}
