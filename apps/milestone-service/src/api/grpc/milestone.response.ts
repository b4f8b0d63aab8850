import { protoEnumValue, timestampOf } from '@mb/grpc';
import type { PlannedDateChangeEntry } from '../../application/ports/planned-date-change.repository';
import type { MilestoneSnapshot } from '../../domain/milestone/milestone';
import { milestoneResponseOf, plannedDateChangeResponseOf } from '../http/milestone.response';

/**
 * The REST shape (the same snake_case fields) with proto's types: enums by value name, instants as
 * google.protobuf.Timestamp; a null leaves its field unset.
 */
export function milestoneMessage(state: MilestoneSnapshot) {
  return {
    ...milestoneResponseOf(state),
    status: protoEnumValue('MILESTONE_STATUS', state.status),
    billing_trigger: protoEnumValue('BILLING_TRIGGER', state.billingTrigger),
    started_at: timestampOf(state.startedAt),
    submitted_at: timestampOf(state.submittedAt),
    approval_due_at: timestampOf(state.approvalDueAt),
    deemed_accepted_at: timestampOf(state.deemedAcceptedAt),
    approval_lapsed_at: timestampOf(state.approvalLapsedAt),
    approved_at: timestampOf(state.approvedAt),
    rejected_at: timestampOf(state.rejectedAt),
    triggered_at: timestampOf(state.triggeredAt),
    invoiced_at: timestampOf(state.invoicedAt),
    paid_at: timestampOf(state.paidAt),
    cancelled_at: timestampOf(state.cancelledAt),
    created_at: timestampOf(state.createdAt),
    updated_at: timestampOf(state.updatedAt),
    billing_hold: billingHoldMessage(state),
  };
}

/** The hold in force with its instant as a Timestamp; undefined (unset) when there is none. */
function billingHoldMessage(state: MilestoneSnapshot) {
  const hold = state.billingHolds.find((candidate) => candidate.releasedAt === null);
  return hold ? { reason: hold.reason, placed_by: hold.placedBy, placed_at: timestampOf(hold.placedAt) } : undefined;
}

export function plannedDateChangeMessage(change: PlannedDateChangeEntry) {
  return { ...plannedDateChangeResponseOf(change), changed_at: timestampOf(change.changedAt) };
}
