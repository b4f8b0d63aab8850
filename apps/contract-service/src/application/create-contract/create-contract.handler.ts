import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Clock, DomainRejection } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { Contract, type ContractSnapshot, type ContractTerms } from '../../domain/contract/contract';
import { ContractEventPublisher } from '../contract-event-publisher';
import { ClientRepository, ContractRepository } from '../ports/repositories';

/**
 * Drafts a contract: the schedule is resolved and health-checked by the domain (errors refuse it,
 * nothing is saved), then the contract and `contract.created` commit together.
 */
@Injectable()
export class CreateContractHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clients: ClientRepository,
    private readonly contracts: ContractRepository,
    private readonly events: ContractEventPublisher,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(terms: ContractTerms): Promise<ContractSnapshot> {
    const now = this.clock.now();
    const contract = Contract.draft(terms, now);
    return this.dataSource.transaction(async (manager) => {
      const client = await this.clients.findById(manager, terms.clientId);
      if (!client) {
        throw new DomainRejection('invalid', 'contract.unknown_client', `there is no client ${terms.clientId}`, 'client_id');
      }
      const version = await this.contracts.insert(manager, contract, now);
      await this.events.publishRecorded(manager, contract, client);
      return { ...contract.snapshot(), version };
    });
  }
}
