import type { Contract } from '../../domain/contract/contract';

/** Where contracts and their schedules are kept. Writes join the open unit of work; "not found" is null. */
export abstract class ContractRepository {
  /** Saves a new contract with its schedule; answers the version it was saved at. */
  abstract add(contract: Contract, now: Date): Promise<number>;
  abstract findById(id: string): Promise<Contract | null>;
  abstract findByClient(clientId: string): Promise<Contract[]>;
  /**
   * Saves a change of status or (amended) schedule made since loading, guarded by the version loaded; another writer in
   * between makes it refuse with `contract.concurrent_update`. Answers the new version.
   */
  abstract save(contract: Contract, now: Date): Promise<number>;
  /** The highest milestone index any version of the contract's schedule has used (0 for none): an index is never reused. */
  abstract highestMilestoneIndexEverUsed(contractId: string): Promise<number>;
}
