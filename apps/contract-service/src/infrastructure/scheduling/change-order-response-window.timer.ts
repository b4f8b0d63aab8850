import { Injectable } from '@nestjs/common';
import type { FiredTimer, TimerHandler } from '@mb/platform';
import { ExpireChangeOrderHandler } from '../../application/expire-change-order/expire-change-order.handler';
import { CHANGE_ORDER_RESPONSE_WINDOW_TIMER } from '../../application/propose-change-order/propose-change-order.handler';

/** The client's window to answer a change order closes: unanswered, it expires. */
@Injectable()
export class ChangeOrderResponseWindowTimer implements TimerHandler {
  readonly timer = CHANGE_ORDER_RESPONSE_WINDOW_TIMER;

  constructor(private readonly expireChangeOrder: ExpireChangeOrderHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.expireChangeOrder.execute(fired.key);
  }
}
