/**
 * The milestone lifecycle, ARCHITECTURE.md "Milestones":
 * planned → in_progress → submitted → approved → triggered_for_disbursement → invoiced → paid;
 * submitted → rejected → in_progress; any state before triggered_for_disbursement → cancelled.
 */
export const MILESTONE_STATUSES = [
  'planned',
  'in_progress',
  'submitted',
  'approved',
  'rejected',
  'triggered_for_disbursement',
  'invoiced',
  'paid',
  'cancelled',
] as const;

export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** When a milestone becomes billable, ARCHITECTURE.md "Contracts and schedules". */
export const BILLING_TRIGGERS = ['on_signing', 'on_approval', 'on_completion', 'on_date'] as const;

export type BillingTrigger = (typeof BILLING_TRIGGERS)[number];

/** What a caller asks a milestone to do; each intent is one method of the aggregate. */
export const MILESTONE_INTENTS = [
  'start',
  'submit',
  'approve',
  'reject',
  'trigger_for_disbursement',
  'bill_at_termination',
  'mark_invoiced',
  'mark_paid',
  'cancel',
] as const;

export type MilestoneIntent = (typeof MILESTONE_INTENTS)[number];

export interface MilestoneTransition {
  readonly intent: MilestoneIntent;
  readonly from: MilestoneStatus;
  readonly to: MilestoneStatus;
  /** When present, only milestones with one of these billing triggers may take this transition. */
  readonly onlyFor?: readonly BillingTrigger[];
}

/**
 * States a milestone may still be cancelled from: everything before its billing trigger. Once
 * triggered, its invoice is (being) issued; reversing that is the invoicing side's job, with a void
 * or a credit note, not a cancellation here.
 */
export const CANCELLABLE_STATUSES: readonly MilestoneStatus[] = ['planned', 'in_progress', 'submitted', 'approved', 'rejected'];

/**
 * States a billing hold may be placed in: before the billing trigger, so that the trigger itself is
 * held. Once a trigger has gone out unheld, invoicing may already have issued the invoice (or parked
 * the trigger until its contract arrives), so a hold then could not keep its promise.
 */
export const HOLDABLE_STATUSES: readonly MilestoneStatus[] = ['planned', 'in_progress', 'submitted', 'approved', 'rejected'];

/**
 * States an on_date milestone is billed from when its planned date arrives: the date is the trigger,
 * whatever the state of the work, unless the milestone was cancelled or is already billed.
 */
/**
 * States a contract's termination may bill a milestone from (issue 14 item 2), whatever its billing
 * trigger: approved work in full, unfinished work (in progress, submitted, rejected) for a share the
 * client agreed or the termination clause sets.
 */
export const BILLABLE_AT_TERMINATION_STATUSES: readonly MilestoneStatus[] = ['in_progress', 'submitted', 'approved', 'rejected'];

export const ON_DATE_BILLABLE_STATUSES: readonly MilestoneStatus[] = ['planned', 'in_progress', 'submitted', 'approved', 'rejected'];

/**
 * Every transition a milestone may take, and nothing else. The billing trigger is reached from a
 * different state per trigger: at activation for a deposit (on_signing, straight from planned),
 * at submission for on_completion, after approval for on_approval, and on its planned date for
 * on_date (from any state before billing, see ON_DATE_BILLABLE_STATUSES).
 */
export const MILESTONE_TRANSITIONS: readonly MilestoneTransition[] = [
  { intent: 'start', from: 'planned', to: 'in_progress' },
  { intent: 'start', from: 'rejected', to: 'in_progress' },
  { intent: 'submit', from: 'in_progress', to: 'submitted' },
  { intent: 'approve', from: 'submitted', to: 'approved' },
  { intent: 'reject', from: 'submitted', to: 'rejected' },
  { intent: 'trigger_for_disbursement', from: 'planned', to: 'triggered_for_disbursement', onlyFor: ['on_signing'] },
  { intent: 'trigger_for_disbursement', from: 'submitted', to: 'triggered_for_disbursement', onlyFor: ['on_completion'] },
  { intent: 'trigger_for_disbursement', from: 'approved', to: 'triggered_for_disbursement', onlyFor: ['on_approval'] },
  ...ON_DATE_BILLABLE_STATUSES.map((from) => ({ intent: 'trigger_for_disbursement' as const, from, to: 'triggered_for_disbursement' as const, onlyFor: ['on_date' as const] })),
  ...BILLABLE_AT_TERMINATION_STATUSES.map((from) => ({ intent: 'bill_at_termination' as const, from, to: 'triggered_for_disbursement' as const })),
  { intent: 'mark_invoiced', from: 'triggered_for_disbursement', to: 'invoiced' },
  { intent: 'mark_paid', from: 'invoiced', to: 'paid' },
  ...CANCELLABLE_STATUSES.map((from) => ({ intent: 'cancel' as const, from, to: 'cancelled' as const })),
];

/** The transition an intent takes from a state for a billing trigger, or undefined when it is illegal. */
export function transitionFor(
  intent: MilestoneIntent,
  from: MilestoneStatus,
  billingTrigger: BillingTrigger,
): MilestoneTransition | undefined {
  return MILESTONE_TRANSITIONS.find(
    (transition) =>
      transition.intent === intent &&
      transition.from === from &&
      (transition.onlyFor === undefined || transition.onlyFor.includes(billingTrigger)),
  );
}

export function isMilestoneStatus(value: string): value is MilestoneStatus {
  return (MILESTONE_STATUSES as readonly string[]).includes(value);
}

export function isBillingTrigger(value: string): value is BillingTrigger {
  return (BILLING_TRIGGERS as readonly string[]).includes(value);
}
