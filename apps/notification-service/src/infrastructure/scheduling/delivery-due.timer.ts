import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { type FiredTimer, SERVICE_LOGGER, type TimerHandler } from '@mb/platform';
import type { Logger } from '@mb/observability';
import { DELIVERY_DUE_TIMER, DispatchDeliveryHandler } from '../../application/dispatch-delivery/dispatch-delivery.handler';
import { SetDeliveryTimersHandler } from '../../application/set-delivery-timers/set-delivery-timers.handler';

/**
 * A delivery's next attempt came due (the timer is keyed by the delivery id): make it. At start,
 * every pending delivery's timer is set (again), for those planned before deliveries had timers.
 */
@Injectable()
export class DeliveryDueTimer implements TimerHandler, OnApplicationBootstrap {
  readonly timer = DELIVERY_DUE_TIMER;

  constructor(
    private readonly dispatchDelivery: DispatchDeliveryHandler,
    private readonly setDeliveryTimers: SetDeliveryTimersHandler,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.dispatchDelivery.execute({ deliveryId: fired.key });
  }

  async onApplicationBootstrap(): Promise<void> {
    const pending = await this.setDeliveryTimers.execute();
    this.logger.info({ timer: this.timer, pending }, 'timers set for the pending deliveries');
  }
}
