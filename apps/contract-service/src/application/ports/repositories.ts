import type { EntityManager } from 'typeorm';
import type { Client } from '../../domain/client/client';
import type { Contract } from '../../domain/contract/contract';

/**
 * What the use cases need from storage. Each call runs in the caller's transaction (the manager),
 * so the state change and its outbox event commit together.
 */
export abstract class ClientRepository {
  abstract insert(manager: EntityManager, client: Client, now: Date): Promise<void>;
  abstract findById(manager: EntityManager, id: string): Promise<Client | null>;
}

export abstract class ContractRepository {
  /** Saves a new contract; answers the version it was saved at. */
  abstract insert(manager: EntityManager, contract: Contract, now: Date): Promise<number>;
  abstract findById(manager: EntityManager, id: string): Promise<Contract | null>;
  abstract findByClient(manager: EntityManager, clientId: string): Promise<Contract[]>;
  /**
   * Saves a change of status made since loading, guarded by the version loaded; another writer in
   * between makes it refuse with `contract.concurrent_update`. Answers the new version.
   */
  abstract saveLifecycle(manager: EntityManager, contract: Contract, now: Date): Promise<number>;
}
