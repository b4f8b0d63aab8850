import { DomainRejection } from '@mb/kernel';
import { allocateByBasisPoints, BASIS_POINTS_IN_WHOLE } from '@mb/money';

export const BILLING_TRIGGERS = ['on_signing', 'on_approval', 'on_completion', 'on_date'] as const;
export type BillingTrigger = (typeof BILLING_TRIGGERS)[number];

export interface PayoutDestination {
  readonly accountToken: string;
  readonly autoClear: boolean;
}

/** A milestone as entered: its amount either as basis points of the total or as fixed cents. */
export interface MilestoneTerms {
  readonly title: string;
  readonly acceptanceCriteria: string;
  readonly amountBps?: number;
  readonly amountCents?: number;
  readonly billingTrigger: BillingTrigger;
  readonly plannedDate?: string | null;
  readonly approvalWindowDays?: number | null;
  readonly deemedAcceptance?: boolean;
  readonly deliverables?: readonly string[];
  readonly payoutDestination?: PayoutDestination | null;
}

/** A milestone of the schedule with its amount resolved to exact cents. */
export interface ScheduledMilestone {
  readonly milestoneIndex: number;
  readonly title: string;
  readonly acceptanceCriteria: string;
  readonly amountCents: number;
  /** The share entered, when the schedule was given in basis points; null for fixed amounts. */
  readonly amountBps: number | null;
  readonly billingTrigger: BillingTrigger;
  readonly plannedDate: string | null;
  readonly approvalWindowDays: number | null;
  readonly deemedAcceptance: boolean;
  readonly deliverables: readonly string[];
  readonly payoutDestination: PayoutDestination | null;
}

/**
 * Resolves a schedule to exact cents. One amount style per schedule (all basis points or all
 * fixed cents): mixing them would leave "35 % of what?" open, so it is refused. Basis points are
 * split with the largest-remainder method, so the amounts always add up to the total exactly;
 * fixed amounts must add up to the total themselves.
 *
 * An on_date milestone is billed on its planned date, so it must have one. Deemed acceptance
 * turns silence at the close of the approval window into acceptance, so it needs a window.
 *
 * Refusals (422): `schedule.empty`, `schedule.amount_missing`, `schedule.planned_date_missing`,
 * `schedule.deemed_acceptance_without_window`, `schedule.mixed_amount_styles`,
 * `schedule.amounts_do_not_add_up`.
 */
export function resolveSchedule(totalValueCents: number, milestones: readonly MilestoneTerms[]): ScheduledMilestone[] {
  if (milestones.length === 0) {
    throw new DomainRejection('invalid', 'schedule.empty', 'a contract needs at least one milestone in its payment schedule', 'milestones');
  }
  milestones.forEach((milestone, position) => {
    const given = [milestone.amountBps, milestone.amountCents].filter((amount) => amount !== undefined && amount !== null).length;
    if (given !== 1) {
      throw new DomainRejection(
        'invalid',
        'schedule.amount_missing',
        `milestone ${position + 1} needs exactly one of amount_bps or amount_cents`,
        `milestones.${position}.amount_bps`,
      );
    }
  });
  assertBillingRules(milestones, (position) => `milestones.${position}`);
  const byBasisPoints = milestones.every((milestone) => milestone.amountBps !== undefined && milestone.amountBps !== null);
  const byCents = milestones.every((milestone) => milestone.amountCents !== undefined && milestone.amountCents !== null);
  if (!byBasisPoints && !byCents) {
    throw new DomainRejection(
      'invalid',
      'schedule.mixed_amount_styles',
      'a schedule gives every amount in basis points (amount_bps) or every amount in cents (amount_cents), not a mix',
      'milestones',
    );
  }

  let amounts: number[];
  if (byBasisPoints) {
    const shares = milestones.map((milestone) => milestone.amountBps as number);
    const sum = shares.reduce((total, bps) => total + bps, 0);
    if (sum !== BASIS_POINTS_IN_WHOLE) {
      throw new DomainRejection(
        'invalid',
        'schedule.amounts_do_not_add_up',
        `the milestone percentages add up to ${sum} basis points; they must add up to exactly 10000 (100 %)`,
        'milestones',
      );
    }
    amounts = allocateByBasisPoints(totalValueCents, shares);
  } else {
    amounts = milestones.map((milestone) => milestone.amountCents as number);
    // In bigint: 200 milestones of up to 10^15 cents each could add up past the safe integers,
    // where an inexact sum might pass for the total.
    const sum = amounts.reduce((total, cents) => total + BigInt(cents), 0n);
    if (sum !== BigInt(totalValueCents)) {
      throw new DomainRejection(
        'invalid',
        'schedule.amounts_do_not_add_up',
        `the milestone amounts add up to ${sum} cents; they must add up to the contract total of ${totalValueCents} cents`,
        'milestones',
      );
    }
  }

  return milestones.map((milestone, position) => ({
    milestoneIndex: position + 1,
    title: milestone.title.trim(),
    acceptanceCriteria: milestone.acceptanceCriteria.trim(),
    amountCents: amounts[position],
    amountBps: byBasisPoints ? (milestone.amountBps as number) : null,
    billingTrigger: milestone.billingTrigger,
    plannedDate: milestone.plannedDate ?? null,
    approvalWindowDays: milestone.approvalWindowDays ?? null,
    deemedAcceptance: milestone.deemedAcceptance ?? false,
    deliverables: [...(milestone.deliverables ?? [])],
    payoutDestination: milestone.payoutDestination ?? null,
  }));
}

/** The rules of one milestone's billing, as far as the fields that say it are concerned. */
type BillingRuleFields = Pick<MilestoneTerms, 'billingTrigger' | 'plannedDate' | 'approvalWindowDays' | 'deemedAcceptance'>;

/**
 * The billing rules every schedule keeps, at creation and in a change order: an on_date milestone
 * is billed on its planned date, so it must have one; deemed acceptance turns silence at the close
 * of the approval window into acceptance, so it needs a window. `fieldOf(position)` names the
 * milestone in the request, for the 422.
 */
export function assertBillingRules(milestones: readonly BillingRuleFields[], fieldOf: (position: number) => string): void {
  milestones.forEach((milestone, position) => {
    // The date is what bills an on_date milestone: without one it would never be billed.
    if (milestone.billingTrigger === 'on_date' && !milestone.plannedDate) {
      throw new DomainRejection(
        'invalid',
        'schedule.planned_date_missing',
        `milestone ${position + 1} is billed on_date and needs the planned_date it is billed on`,
        `${fieldOf(position)}.planned_date`,
      );
    }
    // Accepted and ignored would be worse than refused: without a window, silence never ends.
    if (milestone.deemedAcceptance === true && (milestone.approvalWindowDays === undefined || milestone.approvalWindowDays === null)) {
      throw new DomainRejection(
        'invalid',
        'schedule.deemed_acceptance_without_window',
        `milestone ${position + 1} deems silence acceptance but has no approval_window_days to say when silence ends`,
        `${fieldOf(position)}.deemed_acceptance`,
      );
    }
  });
}
