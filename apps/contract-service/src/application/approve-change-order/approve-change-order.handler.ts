import { Inject, Injectable } from '@nestjs/common';
import { type Clock, Timers, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { ChangeOrderSnapshot } from '../../domain/change-order/change-order';
import { ChangeOrderErrors } from '../../domain/change-order/change-order.errors';
import { currentScheduleVersionOf } from '../../domain/contract/schedule-version';
import { contractCatalogueEvents } from '../events/contract.events';
import { ChangeOrderRepository } from '../ports/change-order.repository';
import { ClientRepository } from '../ports/client.repository';
import { ContractRepository } from '../ports/contract.repository';
import { MilestoneProgressRepository } from '../ports/milestone-progress.repository';
import { ScheduleVersionRepository } from '../ports/schedule-version.repository';
import { loadContractWithClient } from '../queries/contract.queries';
import { applyChangeOrder, lockedMilestonesOf } from '../../domain/change-order/apply-change-order';
import { CHANGE_ORDER_RESPONSE_WINDOW_TIMER } from '../propose-change-order/propose-change-order.handler';

/**
 * Issue 14: the client approves a proposed change order. It applies only if the contract is still
 * at the version it was built on (409 `change_order.stale`) and nothing it touches was billed
 * since (409 `change_order.milestone_billed`); then the contract, the new schedule version,
 * `contract.amended` and the approval commit together, and the expiry timer is cancelled.
 */
@Injectable()
export class ApproveChangeOrderHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clients: ClientRepository,
    private readonly contracts: ContractRepository,
    private readonly changeOrders: ChangeOrderRepository,
    private readonly scheduleVersions: ScheduleVersionRepository,
    private readonly progress: MilestoneProgressRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(changeOrderId: string, approvedBy: string): Promise<ChangeOrderSnapshot> {
    return this.unitOfWork.run(async () => {
      const now = this.clock.now();
      const changeOrder = await this.changeOrders.findById(changeOrderId);
      if (!changeOrder) throw ChangeOrderErrors.notFound(changeOrderId);
      const { contract, client } = await loadContractWithClient(this.contracts, this.clients, changeOrder.contractId);
      applyChangeOrder(changeOrder, contract, lockedMilestonesOf(await this.progress.ofContract(contract.id)), 'client', approvedBy, now);
      await this.contracts.save(contract, now);
      const version = await this.changeOrders.save(changeOrder, now);
      await this.scheduleVersions.add(currentScheduleVersionOf(contract.snapshot(), { id: changeOrder.id, approval: 'client', approvedBy }, now));
      await this.outbox.recordAll(contractCatalogueEvents(contract.pullEvents(), contract.snapshot(), client.snapshot()));
      changeOrder.pullEvents();
      await this.timers.cancel(CHANGE_ORDER_RESPONSE_WINDOW_TIMER, changeOrder.id);
      return { ...changeOrder.snapshot(), version };
    });
  }
}
