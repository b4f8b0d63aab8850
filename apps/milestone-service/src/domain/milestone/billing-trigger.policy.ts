import type { BillingTrigger } from './milestone-status';

/** The moments in a milestone's life at which it may become billable. */
export type BillingMoment = 'activation' | 'submission' | 'approval' | 'planned_date';

const MOMENT_OF_TRIGGER: Record<BillingTrigger, BillingMoment> = {
  on_signing: 'activation',
  on_completion: 'submission',
  on_approval: 'approval',
  on_date: 'planned_date',
};

/**
 * Whether a milestone becomes triggered_for_disbursement at this moment: at activation for a
 * deposit (on_signing), at submission for on_completion, right after approval for on_approval,
 * when its planned date arrives for on_date (its timer, planned-date.policy's billingDateAt).
 */
export function becomesBillableAt(moment: BillingMoment, billingTrigger: BillingTrigger): boolean {
  return MOMENT_OF_TRIGGER[billingTrigger] === moment;
}
