import { ConcurrentUpdate } from '@mb/kernel';
import { Contract, type ContractSnapshot } from '../../src/domain/contract/contract';
import { ContractRepository } from '../../src/application/ports/contract.repository';

/** Contracts kept as snapshots with the same optimistic versions as the table, for unit tests. */
export class InMemoryContractRepository extends ContractRepository {
  private readonly contracts = new Map<string, ContractSnapshot>();

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
    this.contracts.set(changed.id, { ...changed, version: changed.version + 1 });
    return changed.version + 1;
  }

  /** What is stored now, for a test's "then". */
  stored(id: string): ContractSnapshot | undefined {
    return this.contracts.get(id);
  }
}
