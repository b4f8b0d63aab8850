import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import type { ChangeOrderSnapshot } from '../../domain/change-order/change-order';
import { CHANGE_ORDER_APPLY_MODES, CHANGE_ORDER_STATUSES, type ChangeOrderApplyMode, type ChangeOrderStatus } from '../../domain/change-order/change-order-status';
import type { MilestoneChange } from '../../domain/change-order/schedule-change';
import type { ScheduleVersion } from '../../domain/contract/schedule-version';
import { ScheduleMilestoneResponse, milestoneView, ScheduleWarningResponse, warningView } from './contract.response';

export class MilestoneChangeResponse {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The milestone; an added one has a new index, never used before.', example: 5 })
  milestone_index!: number;

  @ApiProperty({ enum: ['added', 'removed', 'changed'], example: 'changed' })
  kind!: MilestoneChange['kind'];

  @ApiProperty({ type: () => ScheduleMilestoneResponse, nullable: true, description: 'The milestone before the change; null when added.' })
  before!: ScheduleMilestoneResponse | null;

  @ApiProperty({ type: () => ScheduleMilestoneResponse, nullable: true, description: 'The milestone after the change; null when removed.' })
  after!: ScheduleMilestoneResponse | null;
}

/** A change order: the schedule it proposes, what changes, and where it stands. */
export class ChangeOrderResponse {
  @ApiIdProperty('chg', 'The change order')
  id!: string;

  @ApiIdProperty('con', 'The contract it changes')
  contract_id!: string;

  @ApiIdProperty('cli', 'The client billed under the contract')
  client_id!: string;

  @ApiProperty({ enum: CHANGE_ORDER_STATUSES, description: 'proposed: waiting for the client; approved: applied (schedule_version); rejected; expired: unanswered in time.', example: 'proposed' })
  status!: ChangeOrderStatus;

  @ApiProperty({ enum: CHANGE_ORDER_APPLY_MODES, example: 'on_client_approval' })
  apply!: ChangeOrderApplyMode;

  @ApiProperty({ example: 'Single sign-on added to the scope' })
  reason!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The schedule version it was made on; it applies only while that is still current.', example: 1 })
  base_schedule_version!: number;

  @ApiProperty({ type: 'integer', minimum: 1, nullable: true, description: 'The schedule version it produced, once approved.', example: null })
  resulting_schedule_version!: number | null;

  @ApiProperty({ type: 'integer', minimum: 1, example: 3_000_000 })
  previous_total_value_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The new total: the sum of the proposed schedule.', example: 3_200_000 })
  total_value_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 15 })
  previous_net_days!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 15 })
  net_days!: number;

  @ApiProperty({ type: () => [ScheduleMilestoneResponse], description: 'The whole proposed schedule, billed milestones included (unchanged).' })
  milestones!: ScheduleMilestoneResponse[];

  @ApiProperty({ type: () => [MilestoneChangeResponse], description: 'What changes, by milestone index.' })
  milestone_changes!: MilestoneChangeResponse[];

  @ApiProperty({ type: () => [ScheduleWarningResponse], description: "The proposed schedule's health warnings, as at creation." })
  warnings!: ScheduleWarningResponse[];

  @ApiProperty({ example: 'usr_project_manager_3' })
  proposed_by!: string;

  @ApiProperty({ format: 'date-time', example: '2026-06-01T09:00:00.000Z' })
  proposed_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: "When the client's window to answer closes (then it expires); null for a unilateral change order.", example: '2026-06-16T00:00:00.000Z' })
  respond_by!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Who approved, applied or rejected it.', example: null })
  decided_by!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  decided_at!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the client rejected it.', example: null })
  rejection_reason!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Moves on with every change (optimistic concurrency).', example: 1 })
  version!: number;
}

export class ChangeOrderListResponse {
  @ApiProperty({ type: () => [ChangeOrderResponse] })
  data!: ChangeOrderResponse[];
}

/** One agreed version of a contract's terms and schedule. */
export class ScheduleVersionResponse {
  @ApiIdProperty('con', 'The contract')
  contract_id!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 2 })
  schedule_version!: number;

  @ApiProperty({ type: String, nullable: true, description: 'The change order that made it; null for version 1, the contract as created.', example: 'chg_01JRV2C7E5T9Q4M8N6P3K1H0GZ' })
  change_order_id!: string | null;

  @ApiProperty({ enum: ['client', 'unilateral'], nullable: true, description: 'client: the client approved the change order; unilateral: the supplier applied it; null for version 1.', example: 'client' })
  approval!: 'client' | 'unilateral' | null;

  @ApiProperty({ type: String, nullable: true, description: 'Who approved (or applied) it; null for version 1.', example: 'usr_client_approver_17' })
  approved_by!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-06-02T10:00:00.000Z' })
  created_at!: string;

  @ApiProperty({ example: 'Customer portal rebuild' })
  title!: string;

  @ApiProperty({ pattern: '^[a-z]{3}$', example: 'usd' })
  currency!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 3_200_000 })
  total_value_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 15 })
  net_days!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10_000, example: 0 })
  tax_rate_bps!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10_000, example: 0 })
  retainage_bps!: number;

  @ApiProperty({ type: String, nullable: true, example: 'PO-2026-0142' })
  purchase_order_ref!: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 90, example: 7 })
  advance_notice_days!: number;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: null })
  retainage_release_date!: string | null;

  @ApiProperty({ type: () => [ScheduleMilestoneResponse] })
  milestones!: ScheduleMilestoneResponse[];

  @ApiProperty({ type: () => [ScheduleWarningResponse] })
  warnings!: ScheduleWarningResponse[];
}

export class ScheduleVersionListResponse {
  @ApiProperty({ type: () => [ScheduleVersionResponse] })
  data!: ScheduleVersionResponse[];
}

function milestoneChangeView(change: MilestoneChange): MilestoneChangeResponse {
  return {
    milestone_index: change.milestoneIndex,
    kind: change.kind,
    before: change.before === null ? null : milestoneView(change.before),
    after: change.after === null ? null : milestoneView(change.after),
  };
}

export function changeOrderView(changeOrder: ChangeOrderSnapshot): ChangeOrderResponse {
  return {
    id: changeOrder.id,
    contract_id: changeOrder.contractId,
    client_id: changeOrder.clientId,
    status: changeOrder.status,
    apply: changeOrder.apply,
    reason: changeOrder.reason,
    base_schedule_version: changeOrder.baseScheduleVersion,
    resulting_schedule_version: changeOrder.resultingScheduleVersion,
    previous_total_value_cents: changeOrder.previousTotalValueCents,
    total_value_cents: changeOrder.totalValueCents,
    previous_net_days: changeOrder.previousNetDays,
    net_days: changeOrder.netDays,
    milestones: changeOrder.milestones.map(milestoneView),
    milestone_changes: changeOrder.milestoneChanges.map(milestoneChangeView),
    warnings: changeOrder.warnings.map(warningView),
    proposed_by: changeOrder.proposedBy,
    proposed_at: changeOrder.proposedAt.toISOString(),
    respond_by: changeOrder.respondBy?.toISOString() ?? null,
    decided_by: changeOrder.decidedBy,
    decided_at: changeOrder.decidedAt?.toISOString() ?? null,
    rejection_reason: changeOrder.rejectionReason,
    version: changeOrder.version,
  };
}

export function scheduleVersionView(version: ScheduleVersion): ScheduleVersionResponse {
  const { terms } = version;
  return {
    contract_id: version.contractId,
    schedule_version: version.scheduleVersion,
    change_order_id: version.changeOrderId,
    approval: version.approval,
    approved_by: version.approvedBy,
    created_at: version.createdAt.toISOString(),
    title: terms.title,
    currency: terms.currency,
    total_value_cents: terms.totalValueCents,
    net_days: terms.netDays,
    tax_rate_bps: terms.taxRateBps,
    retainage_bps: terms.retainageBps,
    purchase_order_ref: terms.purchaseOrderRef,
    advance_notice_days: terms.advanceNoticeDays,
    retainage_release_date: terms.retainageReleaseDate,
    milestones: terms.milestones.map(milestoneView),
    warnings: terms.warnings.map(warningView),
  };
}
