import { Inject, Injectable } from '@nestjs/common';
import { type Clock, DomainRejection, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { Contract, type ContractSnapshot, type ContractTerms } from '../../domain/contract/contract';
import { contractCatalogueEvents } from '../events/contract.events';
import { ClientRepository } from '../ports/client.repository';
import { ContractRepository } from '../ports/contract.repository';
import { ScheduleVersionRepository } from '../ports/schedule-version.repository';
import { currentScheduleVersionOf } from '../../domain/contract/schedule-version';

/**
 * Drafts a contract: the schedule is resolved and health-checked by the domain (errors refuse it,
 * nothing is saved), then the contract, its schedule version 1 and `contract.created` commit together.
 */
@Injectable()
export class CreateContractHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clients: ClientRepository,
    private readonly contracts: ContractRepository,
    private readonly scheduleVersions: ScheduleVersionRepository,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(terms: ContractTerms): Promise<ContractSnapshot> {
    const now = this.clock.now();
    const contract = Contract.draft(terms, now);
    return this.unitOfWork.run(async () => {
      const client = await this.clients.findById(terms.clientId);
      if (!client) {
        throw new DomainRejection('invalid', 'contract.unknown_client', `there is no client ${terms.clientId}`, 'client_id');
      }
      const version = await this.contracts.add(contract, now);
      // Version 1 of the schedule, kept as created beside the versions change orders add.
      await this.scheduleVersions.add(currentScheduleVersionOf(contract.snapshot(), null, now));
      await this.outbox.recordAll(contractCatalogueEvents(contract.pullEvents(), contract.snapshot(), client.snapshot()));
      return { ...contract.snapshot(), version };
    });
  }
}
