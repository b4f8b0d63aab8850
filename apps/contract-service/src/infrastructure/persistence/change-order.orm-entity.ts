import { EntitySchema } from 'typeorm';
import { minorUnitsColumn } from '@mb/platform';
import type { ChangeOrderApplyMode, ChangeOrderStatus } from '../../domain/change-order/change-order-status';
import type { BillingTrigger, ScheduledMilestone } from '../../domain/contract/schedule';
import type { ScheduleWarning } from '../../domain/contract/schedule-health';
import type { ScheduleVersionTerms } from '../../domain/contract/schedule-version';

/** A milestone change as kept in JSON: before and after as the schedule JSON keeps milestones. */
export interface MilestoneChangeJson {
  milestone_index: number;
  kind: 'added' | 'removed' | 'changed';
  before: ScheduledMilestoneJson | null;
  after: ScheduledMilestoneJson | null;
}

/** A row of contract.change_orders. */
export interface ChangeOrderRecord {
  id: string;
  contractId: string;
  clientId: string;
  status: ChangeOrderStatus;
  apply: ChangeOrderApplyMode;
  reason: string;
  baseScheduleVersion: number;
  previousTotalValueCents: number;
  previousNetDays: number;
  totalValueCents: number;
  netDays: number;
  milestones: ScheduledMilestoneJson[];
  milestoneChanges: MilestoneChangeJson[];
  warnings: ScheduleWarning[];
  proposedBy: string;
  proposedAt: Date;
  respondBy: Date | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  rejectionReason: string | null;
  resultingScheduleVersion: number | null;
  updatedAt: Date;
  version: number;
}

export const ChangeOrderEntity = new EntitySchema<ChangeOrderRecord>({
  name: 'ChangeOrder',
  schema: 'contract',
  tableName: 'change_orders',
  columns: {
    id: { type: 'text', primary: true },
    contractId: { type: 'text', name: 'contract_id' },
    clientId: { type: 'text', name: 'client_id' },
    status: { type: 'text' },
    apply: { type: 'text' },
    reason: { type: 'text' },
    baseScheduleVersion: { type: 'integer', name: 'base_schedule_version' },
    previousTotalValueCents: { type: 'bigint', name: 'previous_total_value_cents', transformer: minorUnitsColumn },
    previousNetDays: { type: 'integer', name: 'previous_net_days' },
    totalValueCents: { type: 'bigint', name: 'total_value_cents', transformer: minorUnitsColumn },
    netDays: { type: 'integer', name: 'net_days' },
    milestones: { type: 'jsonb' },
    milestoneChanges: { type: 'jsonb', name: 'milestone_changes' },
    warnings: { type: 'jsonb' },
    proposedBy: { type: 'text', name: 'proposed_by' },
    proposedAt: { type: 'timestamptz', name: 'proposed_at' },
    respondBy: { type: 'timestamptz', name: 'respond_by', nullable: true },
    decidedBy: { type: 'text', name: 'decided_by', nullable: true },
    decidedAt: { type: 'timestamptz', name: 'decided_at', nullable: true },
    rejectionReason: { type: 'text', name: 'rejection_reason', nullable: true },
    resultingScheduleVersion: { type: 'integer', name: 'resulting_schedule_version', nullable: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
    version: { type: 'integer' },
  },
});

/** A row of contract.contract_schedule_versions: one agreed version of a contract's terms. */
export interface ScheduleVersionRecord {
  contractId: string;
  scheduleVersion: number;
  terms: ScheduleVersionTermsJson;
  changeOrderId: string | null;
  approval: 'client' | 'unilateral' | null;
  approvedBy: string | null;
  createdAt: Date;
}

export const ScheduleVersionEntity = new EntitySchema<ScheduleVersionRecord>({
  name: 'ContractScheduleVersion',
  schema: 'contract',
  tableName: 'contract_schedule_versions',
  columns: {
    contractId: { type: 'text', name: 'contract_id', primary: true },
    scheduleVersion: { type: 'integer', name: 'schedule_version', primary: true },
    terms: { type: 'jsonb' },
    changeOrderId: { type: 'text', name: 'change_order_id', nullable: true },
    approval: { type: 'text', nullable: true },
    approvedBy: { type: 'text', name: 'approved_by', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at' },
  },
});

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
