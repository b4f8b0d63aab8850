import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Clock } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import type { ContractSnapshot } from '../../domain/contract/contract';
import { ContractEventPublisher } from '../contract-event-publisher';
import { loadContractAndClient } from '../load-contract';
import { ClientRepository, ContractRepository } from '../ports/repositories';

/** Signs a draft: it becomes active and `contract.activated` carries the binding schedule. */
@Injectable()
export class ActivateContractHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clients: ClientRepository,
    private readonly contracts: ContractRepository,
    private readonly events: ContractEventPublisher,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(contractId: string): Promise<ContractSnapshot> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const { contract, client } = await loadContractAndClient(manager, this.contracts, this.clients, contractId);
      contract.activate(now);
      // The row update comes before the outbox row, so two transactions on one contract are
      // serialised by its row lock and their events leave in commit order.
      const version = await this.contracts.saveLifecycle(manager, contract, now);
      await this.events.publishRecorded(manager, contract, client);
      return { ...contract.snapshot(), version };
    });
  }
}
