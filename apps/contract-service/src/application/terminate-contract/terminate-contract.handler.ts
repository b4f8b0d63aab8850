import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Clock } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import type { ContractSnapshot } from '../../domain/contract/contract';
import { ContractEventPublisher } from '../contract-event-publisher';
import { loadContractAndClient } from '../load-contract';
import { ClientRepository, ContractRepository } from '../ports/repositories';

/** Ends a draft or active contract early, publishing `contract.terminated`. */
@Injectable()
export class TerminateContractHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clients: ClientRepository,
    private readonly contracts: ContractRepository,
    private readonly events: ContractEventPublisher,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(contractId: string, reason: string): Promise<ContractSnapshot> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const { contract, client } = await loadContractAndClient(manager, this.contracts, this.clients, contractId);
      contract.terminate(reason, now);
      const version = await this.contracts.saveLifecycle(manager, contract, now);
      await this.events.publishRecorded(manager, contract, client);
      return { ...contract.snapshot(), version };
    });
  }
}
