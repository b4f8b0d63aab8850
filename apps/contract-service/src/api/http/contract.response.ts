import { ApiProperty } from '@nestjs/swagger';
import { MILESTONE_STATUSES } from '@mb/events';
import { ApiIdProperty } from '@mb/platform';
import type { ContractSnapshot } from '../../domain/contract/contract';
import { type MilestoneProgress, type MilestoneStatus, statusAsHeard } from '../../domain/contract/milestone-progress';
import { CONTRACT_STATUSES, type ContractStatus } from '../../domain/contract/contract-status';
import { BILLING_TRIGGERS, type BillingTrigger, type ScheduledMilestone } from '../../domain/contract/schedule';
import { SCHEDULE_WARNING_CODES, type ScheduleWarning, type ScheduleWarningCode } from '../../domain/contract/schedule-health';

// The API's shapes: snake_case, amounts in *_cents, shares in *_bps, dates as YYYY-MM-DD, instants as RFC 3339.

export class PayoutDestinationResponse {
  @ApiProperty({ description: "The payee's account at the payout provider, as a token.", example: 'acc_1Q9xYzLmNoPqRsTu' })
  account_token!: string;

  @ApiProperty({ description: 'Whether the payout clears without a manual release.', example: true })
  auto_clear!: boolean;
}

/** A milestone as a schedule (a version, a change order) states it. */
export class ScheduleMilestoneResponse {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Position in the schedule, from 1.', example: 2 })
  milestone_index!: number;

  @ApiProperty({ example: 'UI Prototype' })
  title!: string;

  @ApiProperty({ example: 'Clickable prototype of the 12 agreed screens deployed to staging' })
  acceptance_criteria!: string;

  @ApiProperty({ type: [String], example: ['Figma file', 'Staging URL'] })
  deliverables!: readonly string[];

  @ApiProperty({ type: 'integer', minimum: 0, description: 'The amount billed for the milestone, exact to the cent.', example: 1_050_000 })
  amount_cents!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 10_000,
    nullable: true,
    description: 'The share of the total entered, when the schedule was given in basis points; null for fixed amounts.',
    example: 3500,
  })
  amount_bps!: number | null;

  @ApiProperty({ enum: BILLING_TRIGGERS, description: 'When the milestone becomes billable.', example: 'on_approval' })
  billing_trigger!: BillingTrigger;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-07-15' })
  planned_date!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, nullable: true, description: "Calendar days the client has to answer a submission, in the client's time zone (until the end of day D + N for a submission on day D); null: no window.", example: 10 })
  approval_window_days!: number | null;

  @ApiProperty({ description: 'Whether an unanswered submission counts as approved when the window closes.', example: false })
  deemed_acceptance!: boolean;

  @ApiProperty({ type: () => PayoutDestinationResponse, nullable: true })
  payout_destination!: PayoutDestinationResponse | null;
}

/** A milestone of the contract's current schedule, with its progress. */
export class ContractMilestoneResponse extends ScheduleMilestoneResponse {
  @ApiProperty({
    enum: MILESTONE_STATUSES,
    description:
      "The milestone's status as contract-service last heard it from milestone-service (milestone.status_updated), so it may lag the " +
      'milestone by the time the event takes to arrive; `planned` until a transition is heard. A change order may touch only a milestone ' +
      'not yet billed or triggered (not triggered_for_disbursement, invoiced or paid).',
    example: 'in_progress',
  })
  status!: MilestoneStatus;
}

export class ScheduleWarningResponse {
  @ApiProperty({ enum: SCHEDULE_WARNING_CODES, example: 'no_approval_window' })
  code!: ScheduleWarningCode;

  @ApiProperty({ example: 'milestone 2 ("UI Prototype") is billed on approval but has no approval window; the client could leave it unanswered' })
  message!: string;

  @ApiProperty({ type: 'integer', minimum: 1, required: false, description: 'The milestone the warning is about, when it is about one.', example: 2 })
  milestone_index?: number;
}

/** A contract with its current payment schedule and the schedule's health warnings. */
export class ContractResponse {
  @ApiIdProperty('con', 'The contract')
  id!: string;

  @ApiIdProperty('cli', 'The client it bills')
  client_id!: string;

  @ApiProperty({ example: 'Customer portal rebuild' })
  title!: string;

  @ApiProperty({ enum: CONTRACT_STATUSES, example: 'active' })
  status!: ContractStatus;

  @ApiProperty({ description: 'Lowercase ISO 4217.', pattern: '^[a-z]{3}$', example: 'usd' })
  currency!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 3_000_000 })
  total_value_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Payment terms: an invoice is due this many days after it is issued.', example: 15 })
  net_days!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 90,
    description: "Days before a milestone's planned date that the client's AP contact is told it is coming (milestone.due_soon); 0 for no notice.",
    example: 7,
  })
  advance_notice_days!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10_000, example: 0 })
  tax_rate_bps!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10_000, example: 0 })
  retainage_bps!: number;

  @ApiProperty({ type: String, nullable: true, example: 'PO-2026-0142' })
  purchase_order_ref!: string | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      "The day the retainage withheld so far is billed (released) by invoicing, a calendar date in the client's time zone, if the last milestone's billing has not released it before; null when the contract sets none (retainage is then released when the last milestone is billed).",
    example: null,
  })
  retainage_release_date!: string | null;

  @ApiProperty({ description: "Whether the supplier may apply a change order without the client's approval (apply: unilateral), as signed.", example: false })
  allows_unilateral_changes!: boolean;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The current version of the schedule: 1 as created, one more for each change order applied.', example: 1 })
  schedule_version!: number;

  @ApiProperty({ type: () => [ContractMilestoneResponse] })
  milestones!: ContractMilestoneResponse[];

  @ApiProperty({ type: () => [ScheduleWarningResponse], description: 'Risks in the schedule; saved and shown, never refused.' })
  warnings!: ScheduleWarningResponse[];

  @ApiProperty({ format: 'date-time', example: '2026-05-28T09:00:00.000Z' })
  created_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-05-29T14:30:00.000Z' })
  activated_at!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  terminated_at!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  termination_reason!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: "The day the termination takes effect, in the client's time zone; null until terminated.", example: null })
  termination_effective_date!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Who terminated the contract (the caller, by subject); null until terminated.', example: null })
  terminated_by!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When every milestone was paid or cancelled (at least one paid) and the contract completed; null until then.', example: null })
  completed_at!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Moves on with every change (optimistic concurrency).', example: 2 })
  version!: number;
}

export class ContractListResponse {
  @ApiProperty({ type: () => [ContractResponse] })
  data!: ContractResponse[];
}

/** The contract as the API shows it; each milestone's status from `progress` (none heard: planned). */
export function contractView(contract: ContractSnapshot, progress: MilestoneProgress): ContractResponse {
  return {
    id: contract.id,
    client_id: contract.clientId,
    title: contract.title,
    status: contract.status,
    currency: contract.currency,
    total_value_cents: contract.totalValueCents,
    net_days: contract.netDays,
    advance_notice_days: contract.advanceNoticeDays,
    tax_rate_bps: contract.taxRateBps,
    retainage_bps: contract.retainageBps,
    purchase_order_ref: contract.purchaseOrderRef,
    retainage_release_date: contract.retainageReleaseDate,
    allows_unilateral_changes: contract.allowsUnilateralChanges,
    schedule_version: contract.scheduleVersion,
    milestones: contract.milestones.map((milestone) => ({ ...milestoneView(milestone), status: statusAsHeard(progress, milestone.milestoneIndex) })),
    warnings: contract.warnings.map(warningView),
    created_at: contract.createdAt.toISOString(),
    activated_at: contract.activatedAt?.toISOString() ?? null,
    terminated_at: contract.terminatedAt?.toISOString() ?? null,
    termination_reason: contract.terminationReason,
    termination_effective_date: contract.terminationEffectiveDate,
    terminated_by: contract.terminatedBy,
    completed_at: contract.completedAt?.toISOString() ?? null,
    version: contract.version,
  };
}

export function milestoneView(milestone: ScheduledMilestone): ScheduleMilestoneResponse {
  return {
    milestone_index: milestone.milestoneIndex,
    title: milestone.title,
    acceptance_criteria: milestone.acceptanceCriteria,
    deliverables: milestone.deliverables,
    amount_cents: milestone.amountCents,
    amount_bps: milestone.amountBps,
    billing_trigger: milestone.billingTrigger,
    planned_date: milestone.plannedDate,
    approval_window_days: milestone.approvalWindowDays,
    deemed_acceptance: milestone.deemedAcceptance,
    payout_destination: milestone.payoutDestination
        ? { account_token: milestone.payoutDestination.accountToken, auto_clear: milestone.payoutDestination.autoClear }
        : null,
  };
}

export function warningView(warning: ScheduleWarning): ScheduleWarningResponse {
  return {
    code: warning.code,
    message: warning.message,
    ...(warning.milestoneIndex !== undefined ? { milestone_index: warning.milestoneIndex } : {}),
  };
}
