import type { CollectionsCase } from '../../domain/case/case';

/**
 * Where cases and their invoices are kept. Writes join the open unit of work; "not found" is null.
 * The `findOpen…` reads lock the case until the unit of work ends, so two events about one client
 * change its case one after the other.
 */
export abstract class CaseRepository {
  /** The client's open case, locked. */
  abstract findOpenCaseOfClient(clientId: string): Promise<CollectionsCase | null>;
  /** The case still chasing the invoice (open, or handed off to an agency), locked. */
  abstract findOpenCaseHolding(invoiceId: string): Promise<CollectionsCase | null>;
  abstract findById(id: string): Promise<CollectionsCase | null>;
  /** The case, whatever its status, locked until the unit of work ends (commands and timers that change it). */
  abstract findByIdForUpdate(id: string): Promise<CollectionsCase | null>;
  /** The client's cases, newest first. */
  abstract findByClient(clientId: string): Promise<CollectionsCase[]>;
  /** Saves a newly opened case with its invoices, at version 1. */
  abstract add(collectionsCase: CollectionsCase): Promise<void>;
  /**
   * Saves the changes made since loading (status, stage, invoices joined, balances), guarded by the
   * version loaded; another writer in between makes it refuse with `case.concurrent_update`.
   */
  abstract save(collectionsCase: CollectionsCase): Promise<void>;
}
