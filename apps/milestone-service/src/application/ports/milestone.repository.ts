import type { Milestone } from '../../domain/milestone/milestone';

export interface LoadOptions {
  /** Lock the milestone until the unit of work ends: event consumers serialise on it. */
  readonly forUpdate?: boolean;
}

/** Which invoice bills a milestone, as invoice.issued told it. */
export interface InvoiceOfMilestone {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly milestoneId: string;
  /** YYYY-MM-DD. */
  readonly issuedOn: string;
  readonly recordedAt: Date;
}

/** Where milestones are kept. Writes join the open unit of work; "not found" is null. */
export abstract class MilestoneRepository {
  /** Saves a milestone just scheduled. */
  abstract add(milestone: Milestone): Promise<void>;
  /**
   * Saves the changes made since loading, guarded by the version loaded: another writer in between
   * makes it refuse with ConcurrentUpdate (`milestone.concurrent_update`). Nothing changed, nothing written.
   */
  abstract save(milestone: Milestone): Promise<void>;
  abstract findById(id: string, options?: LoadOptions): Promise<Milestone | null>;
  abstract findByContractAndIndex(contractId: string, milestoneIndex: number, options?: LoadOptions): Promise<Milestone | null>;
  /** The milestone an invoice bills, once its invoice.issued has been recorded. */
  abstract findByInvoice(invoiceId: string, options?: LoadOptions): Promise<Milestone | null>;
  /** The contract's milestones in schedule order. */
  abstract listByContract(contractId: string, options?: LoadOptions): Promise<Milestone[]>;
  abstract countByContract(contractId: string): Promise<number>;
  /** Remembers which invoice bills the milestone; a second record of the same invoice is ignored. */
  abstract recordInvoice(invoice: InvoiceOfMilestone): Promise<void>;
}
