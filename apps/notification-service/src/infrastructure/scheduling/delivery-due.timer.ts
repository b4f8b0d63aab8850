import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { type FiredTimer, SERVICE_CLOCK, SERVICE_CONFIG, SERVICE_LOGGER, type TimerHandler } from '@mb/platform';
import type { NotificationServiceConfig } from '../../config';
import type { Logger } from '@mb/observability';
import { DELIVERY_DUE_TIMER, DispatchDeliveryHandler } from '../../application/dispatch-delivery/dispatch-delivery.handler';
import { SetDeliveryTimersHandler } from '../../application/set-delivery-timers/set-delivery-timers.handler';
import { DeliveryDispatcher } from './delivery.dispatcher';

/**
 * A delivery's next attempt came due (the timer is keyed by the delivery id): claim it, and once
 * the claim has committed hand it to the dispatcher, which sends it concurrently with others
 * outside any transaction (the firing ends in milliseconds, whatever the receiver does). At start,
 * every pending delivery's timer is set (again), for those planned before deliveries had timers.
 *
 * Every DELIVERY_LEASE_MS, each instance sweeps for stranded deliveries (due, unclaimed, a lease
 * past both) and sets their timers again: a timer lost while the database was away (see
 * SetDeliveryTimersHandler.rearmStranded) leaves its delivery waiting one sweep, not forever.
 */
@Injectable()
export class DeliveryDueTimer implements TimerHandler, OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly timer = DELIVERY_DUE_TIMER;
  // A firing only claims (a few statements, no send): one worker made every delivery wait on the
  // claims before it, one round trip after another. Four keep the claims off the critical path
  // without taking most of the pool's ten connections.
  readonly workers = 4;

  constructor(
    private readonly dispatchDelivery: DispatchDeliveryHandler,
    private readonly setDeliveryTimers: SetDeliveryTimersHandler,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly unitOfWork: UnitOfWork,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<NotificationServiceConfig, 'DELIVERY_LEASE_MS'>,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  private sweep: NodeJS.Timeout | undefined;

  async fire(fired: FiredTimer): Promise<void> {
    const claimed = await this.dispatchDelivery.claim({ deliveryId: fired.key, admits: this.dispatcher.admits });
    if (claimed) this.unitOfWork.afterCommit(() => this.dispatcher.dispatch(claimed));
  }

  async onApplicationBootstrap(): Promise<void> {
    const pending = await this.setDeliveryTimers.execute();
    this.logger.info({ timer: this.timer, pending }, 'timers set for the pending deliveries');
    this.sweep = setInterval(() => void this.rearmStranded(), this.config.DELIVERY_LEASE_MS);
    this.sweep.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.sweep);
  }

  /** One sweep for stranded deliveries; a failure (the database away) waits for the next. */
  async rearmStranded(): Promise<number> {
    try {
      const rearmed = await this.setDeliveryTimers.rearmStranded(this.clock.now(), this.config.DELIVERY_LEASE_MS);
      if (rearmed > 0) this.logger.warn({ timer: this.timer, rearmed }, 'timers set again for stranded deliveries (due, unclaimed, their timers lost)');
      return rearmed;
    } catch (error) {
      this.logger.warn({ err: error }, 'sweep for stranded deliveries failed; the next sweep tries again');
      return 0;
    }
  }
}
