import { Injectable } from '@nestjs/common';
import { DomainRejection } from '@mb/kernel';
import type { Client, ClientSnapshot } from '../../domain/client/client';
import type { Contract, ContractSnapshot } from '../../domain/contract/contract';
import { type MilestoneProgress, NO_PROGRESS_HEARD } from '../../domain/contract/milestone-progress';
import { ClientRepository } from '../ports/client.repository';
import { ContractRepository } from '../ports/contract.repository';
import { MilestoneProgressRepository } from '../ports/milestone-progress.repository';

/**
 * What the APIs read: clients and contracts as their snapshots, and each milestone's status as
 * milestone-service last announced it; unknown ids are 404s.
 */
@Injectable()
export class ContractQueries {
  constructor(
    private readonly clients: ClientRepository,
    private readonly contracts: ContractRepository,
    private readonly progress: MilestoneProgressRepository,
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

  async milestoneProgress(contractId: string): Promise<MilestoneProgress> {
    return this.progress.ofContract(contractId);
  }

  /** Each contract with its milestones' progress (none heard: every milestone planned). */
  async withProgress(contracts: readonly ContractSnapshot[]): Promise<ContractWithProgress[]> {
    const progressOf = await this.progress.ofContracts(contracts.map((contract) => contract.id));
    return contracts.map((contract) => ({ contract, progress: progressOf.get(contract.id) ?? NO_PROGRESS_HEARD }));
  }
}

export interface ContractWithProgress {
  readonly contract: ContractSnapshot;
  readonly progress: MilestoneProgress;
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
