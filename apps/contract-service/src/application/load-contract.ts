import type { EntityManager } from 'typeorm';
import { DomainRejection } from '@mb/kernel';
import type { Client } from '../domain/client/client';
import type { Contract } from '../domain/contract/contract';
import type { ClientRepository, ContractRepository } from './ports/repositories';

export async function loadContractAndClient(
  manager: EntityManager,
  contracts: ContractRepository,
  clients: ClientRepository,
  contractId: string,
): Promise<{ contract: Contract; client: Client }> {
  const contract = await contracts.findById(manager, contractId);
  if (!contract) throw new DomainRejection('not_found', 'contract.not_found', `there is no contract ${contractId}`);
  const client = await clients.findById(manager, contract.snapshot().clientId);
  // The foreign key makes this impossible; if it happens the data is broken, not the request.
  if (!client) throw new Error(`contract ${contractId} refers to missing client ${contract.snapshot().clientId}`);
  return { contract, client };
}
