import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { ContractSnapshot } from '../../domain/contract/contract';
import { contractCatalogueEvents } from '../events/contract.events';
import { ClientRepository } from '../ports/client.repository';
import { ContractRepository } from '../ports/contract.repository';
import { loadContractWithClient } from '../queries/contract.queries';

/** Signs a draft: it becomes active and `contract.activated` carries the binding schedule. */
@Injectable()
export class ActivateContractHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clients: ClientRepository,
    private readonly contracts: ContractRepository,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(contractId: string): Promise<ContractSnapshot> {
    return this.unitOfWork.run(async () => {
      const now = this.clock.now();
      const { contract, client } = await loadContractWithClient(this.contracts, this.clients, contractId);
      contract.activate(now);
      // The row update comes before the outbox row, so two transactions on one contract are
      // serialised by its row lock and their events leave in commit order.
      const version = await this.contracts.save(contract, now);
      await this.outbox.recordAll(contractCatalogueEvents(contract.pullEvents(), contract.snapshot(), client.snapshot()));
      return { ...contract.snapshot(), version };
    });
  }
}
