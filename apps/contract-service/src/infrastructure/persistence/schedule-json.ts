import type { BillingTrigger, ScheduledMilestone } from '../../domain/contract/schedule';
import type { ScheduleWarning } from '../../domain/contract/schedule-health';
import type { ScheduleVersionTerms } from '../../domain/contract/schedule-version';

/**
 * Schedules as the change orders and schedule versions keep them in JSON columns: snake_case, as
 * the API shows them and as the migration that filled the versions table wrote them. A stored
 * shape, so it is spelled out here and not borrowed from the API's DTOs.
 */
export interface ScheduledMilestoneJson {
  milestone_index: number;
  title: string;
  acceptance_criteria: string;
  deliverables: string[];
  amount_cents: number;
  amount_bps: number | null;
  billing_trigger: BillingTrigger;
  planned_date: string | null;
  approval_window_days: number | null;
  deemed_acceptance: boolean;
  payout_destination: { account_token: string; auto_clear: boolean } | null;
}

export interface ScheduleVersionTermsJson {
  title: string;
  currency: string;
  total_value_cents: number;
  net_days: number;
  tax_rate_bps: number;
  retainage_bps: number;
  purchase_order_ref: string | null;
  advance_notice_days: number;
  retainage_release_date: string | null;
  warnings: ScheduleWarning[];
  milestones: ScheduledMilestoneJson[];
}

export function milestoneJsonOf(milestone: ScheduledMilestone): ScheduledMilestoneJson {
  return {
    milestone_index: milestone.milestoneIndex,
    title: milestone.title,
    acceptance_criteria: milestone.acceptanceCriteria,
    deliverables: [...milestone.deliverables],
    amount_cents: milestone.amountCents,
    amount_bps: milestone.amountBps,
    billing_trigger: milestone.billingTrigger,
    planned_date: milestone.plannedDate,
    approval_window_days: milestone.approvalWindowDays,
    deemed_acceptance: milestone.deemedAcceptance,
    payout_destination: milestone.payoutDestination ? { account_token: milestone.payoutDestination.accountToken, auto_clear: milestone.payoutDestination.autoClear } : null,
  };
}

export function milestoneOfJson(json: ScheduledMilestoneJson): ScheduledMilestone {
  return {
    milestoneIndex: json.milestone_index,
    title: json.title,
    acceptanceCriteria: json.acceptance_criteria,
    deliverables: json.deliverables,
    amountCents: Number(json.amount_cents),
    amountBps: json.amount_bps,
    billingTrigger: json.billing_trigger,
    plannedDate: json.planned_date,
    approvalWindowDays: json.approval_window_days,
    deemedAcceptance: json.deemed_acceptance,
    payoutDestination: json.payout_destination ? { accountToken: json.payout_destination.account_token, autoClear: json.payout_destination.auto_clear } : null,
  };
}

export function termsJsonOf(terms: ScheduleVersionTerms): ScheduleVersionTermsJson {
  return {
    title: terms.title,
    currency: terms.currency,
    total_value_cents: terms.totalValueCents,
    net_days: terms.netDays,
    tax_rate_bps: terms.taxRateBps,
    retainage_bps: terms.retainageBps,
    purchase_order_ref: terms.purchaseOrderRef,
    advance_notice_days: terms.advanceNoticeDays,
    retainage_release_date: terms.retainageReleaseDate,
    warnings: [...terms.warnings],
    milestones: terms.milestones.map(milestoneJsonOf),
  };
}

export function termsOfJson(json: ScheduleVersionTermsJson): ScheduleVersionTerms {
  return {
    title: json.title,
    currency: json.currency,
    totalValueCents: Number(json.total_value_cents),
    netDays: json.net_days,
    taxRateBps: json.tax_rate_bps,
    retainageBps: json.retainage_bps,
    purchaseOrderRef: json.purchase_order_ref,
    advanceNoticeDays: json.advance_notice_days,
    retainageReleaseDate: json.retainage_release_date,
    warnings: json.warnings,
    milestones: json.milestones.map(milestoneOfJson),
  };
}
