import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { UnitOfWork } from '@mb/kernel';
import { type FiredTimer, SERVICE_LOGGER, type TimerHandler } from '@mb/platform';
import type { Logger } from '@mb/observability';
import { DELIVERY_DUE_TIMER, DispatchDeliveryHandler } from '../../application/dispatch-delivery/dispatch-delivery.handler';
import { SetDeliveryTimersHandler } from '../../application/set-delivery-timers/set-delivery-timers.handler';
import { DeliveryDispatcher } from './delivery.dispatcher';

/**
 * A delivery's next attempt came due (the timer is keyed by the delivery id): claim it, and once
 * the claim has committed hand it to the dispatcher, which sends it concurrently with others
 * outside any transaction (the firing ends in milliseconds, whatever the receiver does). At start,
 * every pending delivery's timer is set (again), for those planned before deliveries had timers.
 */
@Injectable()
export class DeliveryDueTimer implements TimerHandler, OnApplicationBootstrap {
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
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async fire(fired: FiredTimer): Promise<void> {
    const claimed = await this.dispatchDelivery.claim({ deliveryId: fired.key, admits: this.dispatcher.admits });
    if (claimed) this.unitOfWork.afterCommit(() => this.dispatcher.dispatch(claimed));
  }

  async onApplicationBootstrap(): Promise<void> {
    const pending = await this.setDeliveryTimers.execute();
    this.logger.info({ timer: this.timer, pending }, 'timers set for the pending deliveries');
  }
}
