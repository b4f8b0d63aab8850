/**
 * What disputes and payment plans tell the client's collections case, inside their own unit of
 * work, so the case changes with them or not at all. A dispute: "dunning pauses for that invoice
 * only; rejected → dunning resumes where it stood". A payment plan: an agreed plan holds the ladder
 * (a `payment_plan` hold), a broken one lifts the hold and escalates one stage up
 * (`collections.stage_changed`, cause `broken_payment_plan`), a completed one lifts the hold (the
 * case itself closes from the payments, when nothing is owed). The case owns its stages and holds;
 * this port keeps disputes and plans from reaching into the case aggregate.
 */
export abstract class CaseDunning {
  /** The invoice is disputed: the case holding it stops chasing it (letters, ladder). */
  abstract invoiceDisputed(clientId: string, invoiceId: string): Promise<void>;
  /** The dispute on it is over: the case chases what is left on it again. */
  abstract invoiceDisputeCleared(clientId: string, invoiceId: string): Promise<void>;
  abstract paymentPlanAgreed(caseId: string, planId: string, now: Date): Promise<void>;
  abstract paymentPlanBroken(caseId: string, planId: string, now: Date): Promise<void>;
  abstract paymentPlanCompleted(caseId: string, planId: string, now: Date): Promise<void>;
}
