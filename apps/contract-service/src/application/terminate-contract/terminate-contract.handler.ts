import { Inject, Injectable } from '@nestjs/common';
import { calendarDateIn, type Clock, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { ContractSnapshot } from '../../domain/contract/contract';
import { type PartialBilling, settleTermination } from '../../domain/contract/termination-settlement';
import { contractCatalogueEvents } from '../events/contract.events';
import { ClientRepository } from '../ports/client.repository';
import { ContractRepository } from '../ports/contract.repository';
import { MilestoneProgressRepository } from '../ports/milestone-progress.repository';
import { loadContractWithClient } from '../queries/contract.queries';

export interface TerminateContractCommand {
  readonly contractId: string;
  readonly reason: string;
  /** YYYY-MM-DD in the client's time zone; today there when absent. */
  readonly effectiveDate?: string;
  readonly partialBilling?: readonly PartialBilling[];
  /** The caller's subject. */
  readonly terminatedBy: string;
}

/**
 * Ends a draft or active contract early, settling its schedule (issue 14 item 2) from each
 * milestone's status as last heard from milestone-service (the progress projection): billed work
 * stays billed, approved work is billed, unfinished work is billed for the share agreed in the
 * request, the rest is cancelled. `contract.terminated` carries the settlement, and milestone-service
 * carries it out.
 */
@Injectable()
export class TerminateContractHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clients: ClientRepository,
    private readonly contracts: ContractRepository,
    private readonly progress: MilestoneProgressRepository,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: TerminateContractCommand): Promise<ContractSnapshot> {
    return this.unitOfWork.run(async () => {
      const now = this.clock.now();
      const { contract, client } = await loadContractWithClient(this.contracts, this.clients, command.contractId);
      const { activatedAt, milestones } = contract.snapshot();
      const zone = client.snapshot().timeZone;
      // A draft's milestones were never planned by milestone-service: nothing of them was started, all are cancelled.
      const progress = activatedAt === null ? new Map() : await this.progress.ofContract(contract.id);
      const settlement = settleTermination(milestones, progress, command.partialBilling ?? []);
      contract.terminate(
        {
          reason: command.reason,
          effectiveDate: command.effectiveDate ?? calendarDateIn(now, zone),
          activationDate: activatedAt === null ? null : calendarDateIn(activatedAt, zone),
          terminatedBy: command.terminatedBy,
          settlement,
        },
        now,
      );
      const version = await this.contracts.save(contract, now);
      await this.outbox.recordAll(contractCatalogueEvents(contract.pullEvents(), contract.snapshot(), client.snapshot()));
      return { ...contract.snapshot(), version };
    });
  }
}
