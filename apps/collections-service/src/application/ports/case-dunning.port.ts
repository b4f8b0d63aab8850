/**
 * What a payment plan tells the case's dunning, in the plan's unit of work: an agreed plan holds
 * the ladder (a `payment_plan` hold), a broken one lifts the hold and escalates one stage up
 * (`collections.stage_changed`, cause `broken_payment_plan`), a completed one lifts the hold (the
 * case itself closes from the payments, when nothing is owed). The ladder owns the case's stages
 * and holds; this port keeps plans from reaching into the case aggregate.
 */
export abstract class CaseDunning {
  abstract paymentPlanAgreed(caseId: string, planId: string, now: Date): Promise<void>;
  abstract paymentPlanBroken(caseId: string, planId: string, now: Date): Promise<void>;
  abstract paymentPlanCompleted(caseId: string, planId: string, now: Date): Promise<void>;
}
