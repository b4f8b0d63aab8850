import { ConcurrentUpdate } from '@mb/kernel';
import { Contract, type ContractSnapshot } from '../../src/domain/contract/contract';
import { ContractRepository } from '../../src/application/ports/contract.repository';

/** Contracts kept as snapshots with the same optimistic versions as the table, for unit tests. */
export class InMemoryContractRepository extends ContractRepository {
  private readonly contracts = new Map<string, ContractSnapshot>();
  /** The highest index of every version saved, as the milestones table remembers them. */
  private readonly highestIndices = new Map<string, number>();

  async add(contract: Contract): Promise<number> {
    if (this.contracts.has(contract.id)) throw new Error(`contract ${contract.id} already exists`);
    this.contracts.set(contract.id, { ...contract.snapshot(), version: 1 });
    return 1;
  }

  async findById(id: string): Promise<Contract | null> {
    const snapshot = this.contracts.get(id);
    return snapshot ? Contract.restore(snapshot) : null;
  }

  async findByClient(clientId: string): Promise<Contract[]> {
    return [...this.contracts.values()].filter((snapshot) => snapshot.clientId === clientId).map((snapshot) => Contract.restore(snapshot));
  }

  async save(contract: Contract): Promise<number> {
    const changed = contract.snapshot();
    const stored = this.contracts.get(changed.id);
    if (!stored || stored.version !== changed.version) {
      throw new ConcurrentUpdate('contract', changed.id);
    }
    this.highestIndices.set(changed.id, Math.max(this.highestIndices.get(changed.id) ?? 0, ...(stored.milestones.map((milestone) => milestone.milestoneIndex))));
    this.contracts.set(changed.id, { ...changed, version: changed.version + 1 });
    return changed.version + 1;
  }

  async highestMilestoneIndexEverUsed(contractId: string): Promise<number> {
    const snapshot = this.contracts.get(contractId);
    this.highestIndices.set(contractId, Math.max(this.highestIndices.get(contractId) ?? 0, ...(snapshot?.milestones.map((milestone) => milestone.milestoneIndex) ?? [])));
    return this.highestIndices.get(contractId) ?? 0;
  }

  /** What is stored now, for a test's "then". */
  stored(id: string): ContractSnapshot | undefined {
    return this.contracts.get(id);
  }
}
