import type { EntityManager } from 'typeorm';
import type { Invoice } from '../../domain/invoice/invoice';
import type { Payment } from '../../domain/payment/payment';

/** A contract as invoicing knows it from contract.activated: the terms drafts are prepared on. */
export interface ContractTerms {
  readonly contractId: string;
  readonly clientId: string;
  readonly clientName: string | null;
  readonly title: string;
  readonly currency: string;
  readonly totalValueCents: number;
  readonly netDays: number;
  readonly taxRateBps: number;
  readonly retainageBps: number;
  readonly purchaseOrderRef: string | null;
  readonly scheduleVersion: number;
  readonly activatedAt: string;
}

/**
 * The application's view of storage. Every method takes the transaction's manager, so a use case
 * decides the transaction and all writes in it (state and outbox) commit together.
 */
export abstract class InvoiceRepository {
  abstract findById(manager: EntityManager, id: string, options?: { forUpdate?: boolean }): Promise<Invoice | null>;
  abstract findByMilestone(manager: EntityManager, contractId: string, milestoneIndex: number, options?: { forUpdate?: boolean }): Promise<Invoice | null>;
  abstract listByContract(manager: EntityManager, contractId: string): Promise<Invoice[]>;
  /** Open invoices past due and never announced, locked and skipping rows another replica holds. */
  abstract lockOverdueUnannounced(manager: EntityManager, today: string, limit: number): Promise<Invoice[]>;
  /** Inserts a new invoice; returns false when the milestone already has one (a redelivered contract). */
  abstract insert(manager: EntityManager, invoice: Invoice): Promise<boolean>;
  /** Saves changes if nobody saved since the invoice was loaded, else invoice.concurrent_update. */
  abstract save(manager: EntityManager, invoice: Invoice): Promise<void>;
}

export abstract class ContractTermsRepository {
  /** Records the terms once; a contract already known keeps its terms (amendments are a later issue). */
  abstract remember(manager: EntityManager, terms: ContractTerms): Promise<void>;
  abstract find(manager: EntityManager, contractId: string): Promise<ContractTerms | null>;
}

/** The gapless yearly series: the counter row is locked until the issuing transaction ends. */
export abstract class InvoiceNumberSeries {
  abstract lockLastSequence(manager: EntityManager, series: string): Promise<number>;
  abstract advanceTo(manager: EntityManager, series: string, sequence: number): Promise<void>;
}

export abstract class PaymentRepository {
  abstract insert(manager: EntityManager, payment: Payment): Promise<void>;
}

/** A billing trigger that arrived before its contract's terms (the events travel on different topics). */
export interface PendingBillingTrigger {
  readonly contractId: string;
  readonly milestoneIndex: number;
  readonly milestoneId: string | null;
  readonly milestone: { readonly title: string; readonly amountCents: number; readonly currency: string };
  readonly eventId: string;
}

export abstract class PendingBillingTriggers {
  abstract park(manager: EntityManager, trigger: PendingBillingTrigger): Promise<void>;
  /** Removes and returns the contract's parked triggers. */
  abstract takeAll(manager: EntityManager, contractId: string): Promise<PendingBillingTrigger[]>;
}

/** Financial status of one contract, computed from its invoices. */
export interface ContractFinancials {
  readonly billedCents: number;
  readonly billedSubtotalCents: number;
  readonly paidCents: number;
}

export abstract class FinancialReadModel {
  abstract financialsOf(manager: EntityManager, contractId: string): Promise<ContractFinancials>;
}
