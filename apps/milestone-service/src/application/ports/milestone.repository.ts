import type { EntityManager } from 'typeorm';
import type { Milestone } from '../../domain/milestone';

export interface LoadOptions {
  /** Lock the row until the transaction ends: event handlers serialise on it. */
  readonly forUpdate?: boolean;
}

export interface InvoiceOfMilestone {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly milestoneId: string;
  readonly issuedOn: string;
  readonly recordedAt: Date;
}

/** Where milestones are kept. Every method runs in the caller's transaction (its manager). */
export abstract class MilestoneRepository {
  abstract findById(manager: EntityManager, id: string, options?: LoadOptions): Promise<Milestone | undefined>;
  abstract findByContractAndIndex(manager: EntityManager, contractId: string, milestoneIndex: number, options?: LoadOptions): Promise<Milestone | undefined>;
  abstract findByInvoice(manager: EntityManager, invoiceId: string, options?: LoadOptions): Promise<Milestone | undefined>;
  abstract listByContract(manager: EntityManager, contractId: string, options?: LoadOptions): Promise<Milestone[]>;
  abstract countByContract(manager: EntityManager, contractId: string): Promise<number>;
  abstract insert(manager: EntityManager, milestone: Milestone): Promise<void>;
  /** Writes the milestone if nobody changed it since it was loaded; refuses with milestone.concurrent_update otherwise. */
  abstract update(manager: EntityManager, milestone: Milestone): Promise<void>;
  /** Remembers which invoice bills the milestone; a second record of the same invoice is ignored. */
  abstract recordInvoice(manager: EntityManager, invoice: InvoiceOfMilestone): Promise<void>;
}
