import { Inject, Injectable } from '@nestjs/common';
import { type Clock, Timers, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { ChangeOrderSnapshot } from '../../domain/change-order/change-order';
import { ChangeOrderErrors } from '../../domain/change-order/change-order.errors';
import { changeOrderCatalogueEvents } from '../events/contract.events';
import { ChangeOrderRepository } from '../ports/change-order.repository';
import { ClientRepository } from '../ports/client.repository';
import { ContractRepository } from '../ports/contract.repository';
import { loadContractWithClient } from '../queries/contract.queries';
import { CHANGE_ORDER_RESPONSE_WINDOW_TIMER } from '../propose-change-order/propose-change-order.handler';

/** Issue 14: the client rejects a proposed change order, with a reason; the supplier is told (`contract.change_order_rejected`). */
@Injectable()
export class RejectChangeOrderHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clients: ClientRepository,
    private readonly contracts: ContractRepository,
    private readonly changeOrders: ChangeOrderRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(changeOrderId: string, rejectedBy: string, reason: string): Promise<ChangeOrderSnapshot> {
    return this.unitOfWork.run(async () => {
      const now = this.clock.now();
      const changeOrder = await this.changeOrders.findById(changeOrderId);
      if (!changeOrder) throw ChangeOrderErrors.notFound(changeOrderId);
      const { contract, client } = await loadContractWithClient(this.contracts, this.clients, changeOrder.contractId);
      changeOrder.reject(rejectedBy, reason, now);
      const version = await this.changeOrders.save(changeOrder, now);
      await this.outbox.recordAll(changeOrderCatalogueEvents(changeOrder.pullEvents(), changeOrder.snapshot(), contract.snapshot(), client.timeZone));
      await this.timers.cancel(CHANGE_ORDER_RESPONSE_WINDOW_TIMER, changeOrder.id);
      return { ...changeOrder.snapshot(), version };
    });
  }
}
