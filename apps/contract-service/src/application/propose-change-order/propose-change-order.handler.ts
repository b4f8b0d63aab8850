import { Inject, Injectable } from '@nestjs/common';
import { type Clock, Timers, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { ChangeOrder, type ChangeOrderSnapshot } from '../../domain/change-order/change-order';
import { ChangeOrderErrors } from '../../domain/change-order/change-order.errors';
import type { ChangeOrderApplyMode } from '../../domain/change-order/change-order-status';
import type { ScheduleChangeRequest } from '../../domain/change-order/schedule-change';
import { currentScheduleVersionOf } from '../../domain/contract/schedule-version';
import { changeOrderCatalogueEvents, contractCatalogueEvents } from '../events/contract.events';
import { ChangeOrderRepository } from '../ports/change-order.repository';
import { ClientRepository } from '../ports/client.repository';
import { ContractRepository } from '../ports/contract.repository';
import { MilestoneProgressRepository } from '../ports/milestone-progress.repository';
import { ScheduleVersionRepository } from '../ports/schedule-version.repository';
import { loadContractWithClient } from '../queries/contract.queries';
import { applyChangeOrder, lockedMilestonesOf } from '../../domain/change-order/apply-change-order';

/** The durable timer that expires a change order left unanswered, keyed by its id. */
export const CHANGE_ORDER_RESPONSE_WINDOW_TIMER = 'contract.change_order_response_window_closes';

export interface ProposeChangeOrderCommand {
  readonly contractId: string;
  readonly reason: string;
  readonly changes: ScheduleChangeRequest;
  readonly apply: ChangeOrderApplyMode;
  readonly respondWithinDays?: number;
  /** The supplier user proposing (or applying) it, by subject. */
  readonly proposedBy: string;
}

/**
 * Issue 14: proposes a change order on an active contract. With the client's approval (the
 * default) it waits, the approver is told (`contract.change_order_proposed`) and a durable timer
 * expires it at the end of the window; unilateral (only where the contract allows it), it takes
 * effect at once: a new schedule version and `contract.amended`. One open change order per contract.
 */
@Injectable()
export class ProposeChangeOrderHandler {
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

  async execute(command: ProposeChangeOrderCommand): Promise<ChangeOrderSnapshot> {
    return this.unitOfWork.run(async () => {
      const now = this.clock.now();
      const { contract, client } = await loadContractWithClient(this.contracts, this.clients, command.contractId);
      const open = await this.changeOrders.findOpenByContract(contract.id);
      if (open) throw ChangeOrderErrors.alreadyOpen(contract.id, open.id);
      const lockedMilestones = lockedMilestonesOf(await this.progress.ofContract(contract.id));
      const changeOrder = ChangeOrder.propose(
        {
          contract: contract.snapshot(),
          clientTimeZone: client.timeZone,
          reason: command.reason,
          changes: command.changes,
          apply: command.apply,
          respondWithinDays: command.respondWithinDays,
          proposedBy: command.proposedBy,
          highestMilestoneIndexEverUsed: await this.contracts.highestMilestoneIndexEverUsed(contract.id),
          lockedMilestones,
        },
        now,
      );
      if (command.apply === 'unilateral') {
        applyChangeOrder(changeOrder, contract, lockedMilestones, 'unilateral', command.proposedBy, now);
        await this.contracts.save(contract, now);
        const version = await this.changeOrders.add(changeOrder, now);
        await this.scheduleVersions.add(currentScheduleVersionOf(contract.snapshot(), { id: changeOrder.id, approval: 'unilateral', approvedBy: command.proposedBy }, now));
        await this.outbox.recordAll(contractCatalogueEvents(contract.pullEvents(), contract.snapshot(), client.snapshot()));
        changeOrder.pullEvents();
        return { ...changeOrder.snapshot(), version };
      }
      const version = await this.changeOrders.add(changeOrder, now);
      const proposed = changeOrder.snapshot();
      await this.timers.schedule(CHANGE_ORDER_RESPONSE_WINDOW_TIMER, changeOrder.id, proposed.respondBy as Date);
      await this.outbox.recordAll(changeOrderCatalogueEvents(changeOrder.pullEvents(), proposed, contract.snapshot(), client.timeZone));
      return { ...proposed, version };
    });
  }
}
