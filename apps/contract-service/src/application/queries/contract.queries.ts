import { Injectable } from '@nestjs/common';
import { DomainRejection } from '@mb/kernel';
import type { Client, ClientSnapshot } from '../../domain/client/client';
import type { Contract, ContractSnapshot } from '../../domain/contract/contract';
import { ClientRepository } from '../ports/client.repository';
import { ContractRepository } from '../ports/contract.repository';

/** What the APIs read: clients and contracts as their snapshots; unknown ids are 404s. */
@Injectable()
export class ContractQueries {
  constructor(
    private readonly clients: ClientRepository,
    private readonly contracts: ContractRepository,
  ) {}

  async client(id: string): Promise<ClientSnapshot> {
    const client = await this.clients.findById(id);
    if (!client) throw clientNotFound(id);
    return client.snapshot();
  }

  async contract(id: string): Promise<ContractSnapshot> {
    const contract = await this.contracts.findById(id);
    if (!contract) throw contractNotFound(id);
    return contract.snapshot();
  }

  async contractsOfClient(clientId: string): Promise<ContractSnapshot[]> {
    return (await this.contracts.findByClient(clientId)).map((contract) => contract.snapshot());
  }
}

export function clientNotFound(id: string): DomainRejection {
  return new DomainRejection('not_found', 'client.not_found', `there is no client ${id}`);
}

export function contractNotFound(id: string): DomainRejection {
  return new DomainRejection('not_found', 'contract.not_found', `there is no contract ${id}`);
}

/** A contract and the client it bills; an unknown contract is `contract.not_found`. */
export async function loadContractWithClient(
  contracts: ContractRepository,
  clients: ClientRepository,
  contractId: string,
): Promise<{ contract: Contract; client: Client }> {
  const contract = await contracts.findById(contractId);
  if (!contract) throw contractNotFound(contractId);
  const client = await clients.findById(contract.clientId);
  // The foreign key makes this impossible; if it happens the data is broken, not the request.
  if (!client) throw new Error(`contract ${contractId} refers to missing client ${contract.clientId}`);
  return { contract, client };
}
