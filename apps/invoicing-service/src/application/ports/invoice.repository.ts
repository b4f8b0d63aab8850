import type { Invoice } from '../../domain/invoice/invoice';

/** How a use case loads an invoice it is about to change. */
export interface InvoiceLoadOptions {
  /**
   * Lock the invoice until the unit of work ends, so concurrent changes to it (two payments, a
   * redelivered trigger) queue instead of failing on its optimistic version.
   */
  readonly forUpdate?: boolean;
}

/** Where invoices are kept. Writes join the open unit of work; "not found" is null. */
export abstract class InvoiceRepository {
  /** Saves a new invoice at version 1; answers false when its milestone already has one (a redelivered activation). */
  abstract add(invoice: Invoice): Promise<boolean>;
  abstract findById(id: string, options?: InvoiceLoadOptions): Promise<Invoice | null>;
  abstract findByMilestone(contractId: string, milestoneIndex: number, options?: InvoiceLoadOptions): Promise<Invoice | null>;
  /** The invoices with these ids that exist, in id order (the order locks are taken in, so that concurrent payments never deadlock). */
  abstract findByIds(ids: readonly string[], options?: InvoiceLoadOptions): Promise<Invoice[]>;
  /** The client's open invoices in `currency`, in id order (see findByIds). */
  abstract findOpenOfClient(clientId: string, currency: string, options?: InvoiceLoadOptions): Promise<Invoice[]>;
  /** The contract's invoices in milestone order. */
  abstract findByContract(contractId: string): Promise<Invoice[]>;
  /** Open invoices never announced overdue, by id, the page after `afterId`: whose overdue timer may be missing. */
  abstract findOpenUnannounced(afterId: string | null, limit: number): Promise<Invoice[]>;
  /**
   * Saves the changes made since loading, guarded by the version loaded: another writer in between
   * makes it refuse with ConcurrentUpdate (`invoice.concurrent_update`).
   */
  abstract save(invoice: Invoice): Promise<void>;
}
