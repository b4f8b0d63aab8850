import type { PaymentPlan } from '../../domain/payment-plan/payment-plan';

/**
 * Where payment plans are kept. Writes join the open unit of work; "not found" is null. The reads
 * `forUpdate` lock the plan until the unit of work ends, so a payment and a deadline firing at once
 * change it one after the other.
 */
export abstract class PaymentPlanRepository {
  abstract findById(id: string, options?: { forUpdate?: boolean }): Promise<PaymentPlan | null>;
  /** The case's active (agreed) plan in the currency, if any. */
  abstract findActiveOfCase(caseId: string, currency: string): Promise<PaymentPlan | null>;
  /** The case's proposal waiting for the client (at most one), locked. */
  abstract findProposedOfCase(caseId: string): Promise<PaymentPlan | null>;
  /** The case's plans, oldest first (by when they were proposed). */
  abstract findByCase(caseId: string): Promise<PaymentPlan[]>;
  /** The active plans covering the invoice, locked. */
  abstract findActiveCovering(invoiceId: string): Promise<PaymentPlan[]>;
  /**
   * Saves a new plan, agreed or proposed, at version 1; a second active plan for the case and
   * currency is `payment_plan.already_active`, a second proposal for the case a concurrent update.
   */
  abstract add(plan: PaymentPlan): Promise<void>;
  /** Saves the changes since loading, guarded by the version loaded (`payment_plan.concurrent_update`). */
  abstract save(plan: PaymentPlan): Promise<void>;
}
