import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { ChangeOrderRepository } from '../ports/change-order.repository';

/**
 * Issue 14: the client's window closed unanswered (the response-window timer fired): the change
 * order expires and the contract stays as it is, so another may be proposed. A change order
 * answered meanwhile, or a timer that fires twice, changes nothing.
 */
@Injectable()
export class ExpireChangeOrderHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly changeOrders: ChangeOrderRepository,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(changeOrderId: string): Promise<void> {
    await this.unitOfWork.run(async () => {
      const now = this.clock.now();
      const changeOrder = await this.changeOrders.findById(changeOrderId);
      if (!changeOrder || !changeOrder.isPastResponseWindow(now)) return;
      changeOrder.expire(now);
      changeOrder.pullEvents();
      await this.changeOrders.save(changeOrder, now);
    });
  }
}
