import { Injectable } from '@nestjs/common';
import type { FiredTimer, TimerHandler } from '@mb/platform';
import { DELIVERY_DUE_TIMER, DispatchDeliveryHandler } from '../../application/dispatch-delivery/dispatch-delivery.handler';

/** A delivery's next attempt came due (the timer is keyed by the delivery id): make it. */
@Injectable()
export class DeliveryDueTimer implements TimerHandler {
  readonly timer = DELIVERY_DUE_TIMER;

  constructor(private readonly dispatchDelivery: DispatchDeliveryHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.dispatchDelivery.execute({ deliveryId: fired.key });
  }
}
