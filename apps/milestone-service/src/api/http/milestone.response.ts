import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import type { PlannedDateChangeEntry } from '../../application/ports/planned-date-change.repository';
import type { BillingHold, MilestoneSnapshot } from '../../domain/milestone/milestone';
import { BILLING_TRIGGERS, type BillingTrigger, MILESTONE_STATUSES, type MilestoneStatus } from '../../domain/milestone/milestone-status';

export class MilestonePayoutDestinationResponse {
  @ApiProperty({ description: "The payee's account at the payout provider, as a token.", example: 'acc_1Q9xYzLmNoPqRsTu' })
  account_token!: string;

  @ApiProperty({ description: 'Whether the payout clears without a manual release.', example: true })
  auto_clear!: boolean;
}

/** An instant of the lifecycle: RFC 3339, null until the milestone gets there. */
const ApiInstant = (example: string | null = null, description?: string) =>
  ApiProperty({ type: String, format: 'date-time', nullable: true, example, ...(description ? { description } : {}) });

/** The billing hold in force on a milestone. */
export class MilestoneBillingHoldResponse {
  @ApiProperty({ description: 'Why billing stopped.', example: 'Client disputes the prototype scope; PO amendment pending.' })
  reason!: string;

  @ApiProperty({ description: 'Who placed the hold, as given: free text until the API authenticates its callers.', example: 'jane.doe@agency.example' })
  placed_by!: string;

  @ApiProperty({ format: 'date-time', example: '2026-06-21T10:00:00.000Z' })
  placed_at!: string;
}

/** A billing hold as the history keeps it: released ones with who released them and when. */
export class BillingHoldResponse {
  @ApiIdProperty('hold', 'The billing hold')
  id!: string;

  @ApiProperty({ description: 'Why billing stopped.', example: 'Client disputes the prototype scope; PO amendment pending.' })
  reason!: string;

  @ApiProperty({ description: 'Who placed the hold, as given: free text until the API authenticates its callers.', example: 'jane.doe@agency.example' })
  placed_by!: string;

  @ApiProperty({ format: 'date-time', example: '2026-06-21T10:00:00.000Z' })
  placed_at!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Who released it, as given; null while it is in force.', example: 'sam.lee@agency.example' })
  released_by!: string | null;

  @ApiInstant('2026-06-24T15:30:00.000Z', 'When it was released; null while it is in force.')
  released_at!: string | null;
}

export class BillingHoldListResponse {
  @ApiProperty({ type: () => [BillingHoldResponse], description: 'Newest first; at most the first is in force.' })
  data!: BillingHoldResponse[];
}

/** A milestone as the API shows it: snake_case, amounts in cents, instants in RFC 3339. */
export class MilestoneResponse {
  @ApiIdProperty('ms', 'The milestone')
  id!: string;

  @ApiIdProperty('con', 'The contract whose schedule it belongs to')
  contract_id!: string;

  @ApiIdProperty('cli', 'The client the contract bills')
  client_id!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Position in the schedule, from 1.', example: 2 })
  milestone_index!: number;

  @ApiProperty({ example: 'UI Prototype' })
  title!: string;

  @ApiProperty({ example: 'Clickable prototype of the 12 agreed screens deployed to staging' })
  acceptance_criteria!: string;

  @ApiProperty({
    enum: MILESTONE_STATUSES,
    description:
      'planned → in_progress → submitted → approved → triggered_for_disbursement → invoiced → paid; submitted → rejected → in_progress; ' +
      'cancelled from any state before triggered_for_disbursement. When it becomes triggered_for_disbursement depends on billing_trigger.',
    example: 'submitted',
  })
  status!: MilestoneStatus;

  @ApiProperty({ type: 'integer', minimum: 0, example: 1_050_000 })
  amount_cents!: number;

  @ApiProperty({ description: 'Lowercase ISO 4217.', pattern: '^[a-z]{3}$', example: 'usd' })
  currency!: string;

  @ApiProperty({ enum: BILLING_TRIGGERS, description: 'When the milestone becomes billable.', example: 'on_approval' })
  billing_trigger!: BillingTrigger;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'When the work is due to be handed over; moved with PATCH.', example: '2026-07-15' })
  planned_date!: string | null;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: "Days before planned_date that the client's AP contact is told the milestone is coming (milestone.due_soon), from the contract; 0 for none.",
    example: 7,
  })
  advance_notice_days!: number;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The planned date whose advance notice (milestone.due_soon) went out; null while none has for the current planned date.',
    example: '2026-07-15',
  })
  due_soon_announced_for!: string | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The planned date the milestone was announced late for (milestone.delayed); null while it is not late. Moving the planned date clears it.',
    example: null,
  })
  delay_announced_for!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, nullable: true, description: 'Days the client has to answer a submission.', example: 10 })
  approval_window_days!: number | null;

  @ApiProperty({ description: 'Whether an unanswered submission counts as approved when the window closes.', example: false })
  deemed_acceptance!: boolean;

  @ApiProperty({ type: () => MilestonePayoutDestinationResponse, nullable: true })
  payout_destination!: MilestonePayoutDestinationResponse | null;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The version of the contract schedule the milestone comes from.', example: 1 })
  schedule_version!: number;

  @ApiProperty({ type: String, nullable: true, description: 'Where the client sees the work, from the last submission.', example: 'https://staging.example.com/prototype' })
  evidence_url!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the client refused the last submission.', example: null })
  rejection_reason!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  cancellation_reason!: string | null;

  @ApiInstant('2026-06-01T09:00:00.000Z')
  started_at!: string | null;

  @ApiInstant('2026-06-20T16:00:00.000Z')
  submitted_at!: string | null;

  @ApiInstant(
    '2026-06-30T07:00:00.000Z',
    "When the approval window of the last submission closes: the start of the day after its last calendar day, in the client's time zone; null without a window.",
  )
  approval_due_at!: string | null;

  @ApiInstant(
    '2026-06-30T07:00:00.000Z',
    'When the approval window closed unanswered and the contract deemed the milestone accepted; null otherwise. Approving or rejecting after it is a 409 milestone.deemed_accepted.',
  )
  deemed_accepted_at!: string | null;

  @ApiInstant(
    '2026-06-30T07:00:00.000Z',
    'When the approval window of the current submission closed unanswered without deemed acceptance (it stays submitted, the supplier is told); null otherwise.',
  )
  approval_lapsed_at!: string | null;

  @ApiInstant()
  approved_at!: string | null;

  @ApiInstant()
  rejected_at!: string | null;

  @ApiInstant(null, 'When the milestone became billable (triggered_for_disbursement).')
  triggered_at!: string | null;

  @ApiInstant()
  invoiced_at!: string | null;

  @ApiInstant()
  paid_at!: string | null;

  @ApiInstant()
  cancelled_at!: string | null;

  @ApiProperty({
    type: () => MilestoneBillingHoldResponse,
    nullable: true,
    description:
      'The billing hold in force, or null. While held, the billing trigger is recorded (triggered_for_disbursement) but no invoice is issued; ' +
      'the release issues it at once.',
  })
  billing_hold!: MilestoneBillingHoldResponse | null;

  @ApiProperty({ format: 'date-time', example: '2026-05-29T14:30:00.000Z' })
  created_at!: string;

  @ApiProperty({ format: 'date-time', example: '2026-06-20T16:00:00.000Z' })
  updated_at!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'From 1 at creation, one more per change (a transition, a billing hold placed or released).', example: 3 })
  version!: number;
}

export class MilestoneListResponse {
  @ApiProperty({ type: () => [MilestoneResponse] })
  data!: MilestoneResponse[];
}

/** One move of a milestone's planned date. */
export class PlannedDateChangeResponse {
  @ApiIdProperty('pdc', 'The change')
  id!: string;

  @ApiIdProperty('ms', 'The milestone')
  milestone_id!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The planned date before; null when it had none.', example: '2026-07-15' })
  from_date!: string | null;

  @ApiProperty({ type: String, format: 'date', description: 'The planned date after.', example: '2026-08-05' })
  to_date!: string;

  @ApiProperty({ example: 'The client moved the UAT window.' })
  reason!: string;

  @ApiProperty({ format: 'date-time', example: '2026-07-02T10:15:00.000Z' })
  changed_at!: string;
}

export class PlannedDateChangeListResponse {
  @ApiProperty({ type: () => [PlannedDateChangeResponse], description: 'Oldest first.' })
  data!: PlannedDateChangeResponse[];
}

export function plannedDateChangeResponseOf(change: PlannedDateChangeEntry): PlannedDateChangeResponse {
  return {
    id: change.id,
    milestone_id: change.milestoneId,
    from_date: change.fromDate,
    to_date: change.toDate,
    reason: change.reason,
    changed_at: change.changedAt.toISOString(),
  };
}

const iso = (instant: Date | null): string | null => (instant ? instant.toISOString() : null);

export function milestoneResponseOf(state: MilestoneSnapshot): MilestoneResponse {
  return {
    id: state.id,
    contract_id: state.contractId,
    client_id: state.clientId,
    milestone_index: state.milestoneIndex,
    title: state.title,
    acceptance_criteria: state.acceptanceCriteria,
    status: state.status,
    amount_cents: state.amountCents,
    currency: state.currency,
    billing_trigger: state.billingTrigger,
    planned_date: state.plannedDate,
    advance_notice_days: state.advanceNoticeDays,
    due_soon_announced_for: state.dueSoonAnnouncedFor,
    delay_announced_for: state.delayAnnouncedFor,
    approval_window_days: state.approvalWindowDays,
    deemed_acceptance: state.deemedAcceptance,
    payout_destination: state.payoutDestination
      ? { account_token: state.payoutDestination.accountToken, auto_clear: state.payoutDestination.autoClear }
      : null,
    schedule_version: state.scheduleVersion,
    evidence_url: state.evidenceUrl,
    rejection_reason: state.rejectionReason,
    cancellation_reason: state.cancellationReason,
    started_at: iso(state.startedAt),
    submitted_at: iso(state.submittedAt),
    approval_due_at: iso(state.approvalDueAt),
    deemed_accepted_at: iso(state.deemedAcceptedAt),
    approval_lapsed_at: iso(state.approvalLapsedAt),
    approved_at: iso(state.approvedAt),
    rejected_at: iso(state.rejectedAt),
    triggered_at: iso(state.triggeredAt),
    invoiced_at: iso(state.invoicedAt),
    paid_at: iso(state.paidAt),
    cancelled_at: iso(state.cancelledAt),
    billing_hold: billingHoldInForce(state.billingHolds),
    created_at: state.createdAt.toISOString(),
    updated_at: state.updatedAt.toISOString(),
    version: state.version,
  };
}

function billingHoldInForce(holds: readonly BillingHold[]): MilestoneBillingHoldResponse | null {
  const hold = holds.find((candidate) => candidate.releasedAt === null);
  return hold ? { reason: hold.reason, placed_by: hold.placedBy, placed_at: hold.placedAt.toISOString() } : null;
}

export function billingHoldResponseOf(hold: BillingHold): BillingHoldResponse {
  return {
    id: hold.id,
    reason: hold.reason,
    placed_by: hold.placedBy,
    placed_at: hold.placedAt.toISOString(),
    released_by: hold.releasedBy,
    released_at: iso(hold.releasedAt),
  };
}
