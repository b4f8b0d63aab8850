import { DomainRejection } from '@mb/kernel';
import { allocateByBasisPoints, BASIS_POINTS_IN_WHOLE } from '@mb/money';

/** Where a milestone's work and billing stand, as milestone-service last announced it. */
export type MilestoneProgressStatus =
  | 'planned'
  | 'in_progress'
  | 'submitted'
  | 'approved'
  | 'rejected'
  | 'triggered_for_disbursement'
  | 'invoiced'
  | 'paid'
  | 'cancelled';

export type MilestoneSettlementOutcome = 'already_billed' | 'billed_in_full' | 'billed_partially' | 'cancelled';

export const PARTIAL_BILLING_BASES = ['client_agreement', 'termination_clause'] as const;
export type PartialBillingBasis = (typeof PARTIAL_BILLING_BASES)[number];

/** Unfinished work billed for an agreed share of its amount (issue 14 item 2). */
export interface PartialBilling {
  readonly milestoneIndex: number;
  readonly percentBps: number;
  readonly basis: PartialBillingBasis;
  readonly agreementReference: string;
}

/** What the termination does with one milestone: billedCents + cancelledCents = amountCents. */
export interface MilestoneSettlement {
  readonly milestoneIndex: number;
  readonly outcome: MilestoneSettlementOutcome;
  readonly amountCents: number;
  readonly billedCents: number;
  readonly cancelledCents: number;
  readonly partial: Omit<PartialBilling, 'milestoneIndex'> | null;
}

export interface TerminationSettlement {
  readonly milestones: readonly MilestoneSettlement[];
  readonly billedCents: number;
  readonly cancelledCents: number;
}

/** Billed before the termination: the billing trigger fired (its invoice is issued or being issued). */
const ALREADY_BILLED: readonly MilestoneProgressStatus[] = ['triggered_for_disbursement', 'invoiced', 'paid'];
/** Unfinished work that may be billed for an agreed percentage: started, handed over, or sent back. */
const PARTIALLY_BILLABLE: readonly MilestoneProgressStatus[] = ['in_progress', 'submitted', 'rejected'];

export const TERMINATION_ERRORS = {
  unknownMilestone: 'contract.partial_billing_unknown_milestone',
  duplicateMilestone: 'contract.partial_billing_duplicate_milestone',
  invalidPercent: 'contract.partial_billing_invalid_percent',
  invalidReference: 'contract.partial_billing_reference_required',
  notPartiallyBillable: 'contract.partial_billing_not_allowed',
} as const;

/**
 * The settlement of a termination, a pure policy: completed work is billed, unfinished work agreed
 * to be billed for a percentage is billed for it, the rest is cancelled. Per milestone:
 * - triggered_for_disbursement, invoiced or paid: already billed, untouched;
 * - approved: billed in full now;
 * - in progress, submitted or rejected with a partial billing: that share of its amount billed
 *   (libs/money's largest remainder splits the amount into billed and cancelled, so the cents add
 *   up), the rest cancelled;
 * - anything else (planned, cancelled, or unfinished without an agreement): cancelled whole.
 * A milestone with no known progress has not been heard of since activation: planned.
 * So billed + cancelled = the schedule's total, whatever the schedule and percentages.
 *
 * A partial billing naming a milestone not on the schedule, twice, or without a reference is
 * invalid (422); one naming a milestone that is not unfinished work is a conflict (409). Both name
 * the field at fault, `partial_billing[i].…`.
 */
export function settleTermination(
  schedule: readonly { readonly milestoneIndex: number; readonly amountCents: number }[],
  progress: ReadonlyMap<number, MilestoneProgressStatus>,
  partialBillings: readonly PartialBilling[],
): TerminationSettlement {
  const partialByIndex = validatedPartialBillings(schedule, progress, partialBillings);
  const milestones = [...schedule]
    .sort((a, b) => a.milestoneIndex - b.milestoneIndex)
    .map(({ milestoneIndex, amountCents }): MilestoneSettlement => {
      const status = progress.get(milestoneIndex) ?? 'planned';
      const whole = (outcome: MilestoneSettlementOutcome, billed: boolean): MilestoneSettlement => ({
        milestoneIndex,
        outcome,
        amountCents,
        billedCents: billed ? amountCents : 0,
        cancelledCents: billed ? 0 : amountCents,
        partial: null,
      });
      if (ALREADY_BILLED.includes(status)) return whole('already_billed', true);
      if (status === 'approved') return whole('billed_in_full', true);
      const partial = partialByIndex.get(milestoneIndex);
      if (!partial) return whole('cancelled', false);
      const [billedCents, cancelledCents] = allocateByBasisPoints(amountCents, [partial.percentBps, BASIS_POINTS_IN_WHOLE - partial.percentBps]);
      const { milestoneIndex: _index, ...terms } = partial;
      return { milestoneIndex, outcome: 'billed_partially', amountCents, billedCents, cancelledCents, partial: terms };
    });
  return {
    milestones,
    billedCents: milestones.reduce((sum, milestone) => sum + milestone.billedCents, 0),
    cancelledCents: milestones.reduce((sum, milestone) => sum + milestone.cancelledCents, 0),
  };
}

function validatedPartialBillings(
  schedule: readonly { readonly milestoneIndex: number }[],
  progress: ReadonlyMap<number, MilestoneProgressStatus>,
  partialBillings: readonly PartialBilling[],
): Map<number, PartialBilling> {
  const byIndex = new Map<number, PartialBilling>();
  partialBillings.forEach((partial, position) => {
    const field = (name: string) => `partial_billing[${position}].${name}`;
    if (!schedule.some((milestone) => milestone.milestoneIndex === partial.milestoneIndex)) {
      throw new DomainRejection('invalid', TERMINATION_ERRORS.unknownMilestone, `the schedule has no milestone ${partial.milestoneIndex}`, field('milestone_index'));
    }
    if (byIndex.has(partial.milestoneIndex)) {
      throw new DomainRejection('invalid', TERMINATION_ERRORS.duplicateMilestone, `milestone ${partial.milestoneIndex} is billed partially more than once`, field('milestone_index'));
    }
    if (!Number.isSafeInteger(partial.percentBps) || partial.percentBps < 1 || partial.percentBps > BASIS_POINTS_IN_WHOLE) {
      throw new DomainRejection('invalid', TERMINATION_ERRORS.invalidPercent, 'percent_bps must be whole basis points from 1 to 10000', field('percent_bps'));
    }
    if (partial.agreementReference.trim() === '') {
      throw new DomainRejection('invalid', TERMINATION_ERRORS.invalidReference, 'a partial billing needs the reference of its agreement or clause', field('agreement_reference'));
    }
    const status = progress.get(partial.milestoneIndex) ?? 'planned';
    if (!PARTIALLY_BILLABLE.includes(status)) {
      throw new DomainRejection(
        'conflict',
        TERMINATION_ERRORS.notPartiallyBillable,
        `milestone ${partial.milestoneIndex} is ${status}: only a milestone in progress, submitted or rejected may be billed partially`,
        field('milestone_index'),
      );
    }
    byIndex.set(partial.milestoneIndex, { ...partial, agreementReference: partial.agreementReference.trim() });
  });
  return byIndex;
}
