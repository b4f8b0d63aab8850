import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainRejection } from '@mb/kernel';
import type { ClientSnapshot } from '../../domain/client/client';
import type { ContractSnapshot } from '../../domain/contract/contract';
import { ClientRepository, ContractRepository } from '../ports/repositories';

@Injectable()
export class ContractQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clients: ClientRepository,
    private readonly contracts: ContractRepository,
  ) {}

  async client(id: string): Promise<ClientSnapshot> {
    const client = await this.clients.findById(this.dataSource.manager, id);
    if (!client) throw new DomainRejection('not_found', 'client.not_found', `there is no client ${id}`);
    return client.snapshot();
  }

  async contract(id: string): Promise<ContractSnapshot> {
    const contract = await this.contracts.findById(this.dataSource.manager, id);
    if (!contract) throw new DomainRejection('not_found', 'contract.not_found', `there is no contract ${id}`);
    return contract.snapshot();
  }

  async contractsOfClient(clientId: string): Promise<ContractSnapshot[]> {
    return (await this.contracts.findByClient(this.dataSource.manager, clientId)).map((contract) => contract.snapshot());
  }
}
