import type { EntityManager } from 'typeorm';
import type { CaseSnapshot, CollectionsCase } from '../../domain/case/case';

/** Where cases live; every method runs in the caller's transaction (the manager). */
export abstract class CaseRepository {
  /** The client's open case, locked until the transaction ends. */
  abstract openCaseOfClient(manager: EntityManager, clientId: string): Promise<CollectionsCase | undefined>;
  /** The open case holding the invoice, locked until the transaction ends. */
  abstract openCaseHolding(manager: EntityManager, invoiceId: string): Promise<CollectionsCase | undefined>;
  abstract byId(manager: EntityManager, caseId: string): Promise<CaseSnapshot | undefined>;
  abstract ofClient(manager: EntityManager, clientId: string): Promise<CaseSnapshot[]>;
  /** Inserts a new case or updates a loaded one; a concurrent change is refused (case.concurrent_update). */
  abstract save(manager: EntityManager, collectionsCase: CollectionsCase): Promise<void>;
  abstract recordSettled(manager: EntityManager, invoiceId: string, at: Date): Promise<void>;
  abstract isSettled(manager: EntityManager, invoiceId: string): Promise<boolean>;
}
