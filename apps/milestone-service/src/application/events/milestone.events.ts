import type { EventData } from '@mb/events';
import type { CatalogueEvent } from '@mb/messaging';
import type {
  ApprovalRequested,
  ApprovalWindowClosed,
  BillingTriggerReleased,
  MilestoneDelayed,
  MilestoneDueSoon,
  MilestoneEvent,
  MilestoneSnapshot,
  MilestoneStatusChanged,
} from '../../domain/milestone/milestone';

/** Why a milestone.status_updated repeats the status it had: the billing trigger held so far goes out now. */
export const BILLING_HOLD_RELEASED_REASON = 'billing hold released';

/**
 * The catalogue events announcing what a milestone recorded, in order: one milestone.status_updated
 * per transition, each saying whether a billing hold is current (`billing_hold`), and one more when
 * the release of a hold lets a held billing trigger go (same status, `billing_hold: false`);
 * milestone.due_soon for an advance notice, milestone.delayed for a missed planned date,
 * milestone.approval_requested for an approval request or reminder, milestone.approval_window_closed
 * for a window closed unanswered. Placing and releasing a hold otherwise publish nothing: their
 * history is read from the API; nor does an amendment of the terms, which contract.amended announces.
 */
export function milestoneCatalogueEvents(events: readonly MilestoneEvent[], milestone: MilestoneSnapshot): CatalogueEvent[] {
  return events.flatMap((event): CatalogueEvent[] => {
    switch (event.type) {
      case 'status_changed':
        return [{ name: 'milestone.status_updated', data: statusUpdatedOf(milestone, event) }];
      case 'billing_trigger_released':
        return [{ name: 'milestone.status_updated', data: triggerReleasedOf(milestone, event) }];
      case 'billing_hold_placed':
      case 'billing_hold_released':
      case 'terms_amended':
        return [];
      case 'due_soon':
        return [{ name: 'milestone.due_soon', data: dueSoonOf(milestone, event) }];
      case 'delayed':
        return [{ name: 'milestone.delayed', data: delayedOf(milestone, event) }];
      case 'approval_requested':
        return [{ name: 'milestone.approval_requested', data: approvalRequestedOf(milestone, event) }];
      case 'approval_window_closed':
        return [{ name: 'milestone.approval_window_closed', data: approvalWindowClosedOf(milestone, event) }];
    }
  });
}

/** The published shape of one change: ARCHITECTURE.md's example event plus ids, previous status, hold and version. */
export function statusUpdatedOf(milestone: MilestoneSnapshot, change: MilestoneStatusChanged): EventData<'milestone.status_updated'> {
  return {
    ...publishedFields(milestone, change.to),
    ...(change.from === null ? {} : { previous_status: change.from }),
    ...(change.reason === undefined ? {} : { reason: change.reason }),
    billing_hold: change.billingHold,
    occurred_at: change.occurredAt.toISOString(),
    version: change.version,
  };
}

/** The held billing trigger announced again, unheld: invoicing issues on it. */
function triggerReleasedOf(milestone: MilestoneSnapshot, release: BillingTriggerReleased): EventData<'milestone.status_updated'> {
  return {
    ...publishedFields(milestone, release.status),
    previous_status: release.status,
    reason: BILLING_HOLD_RELEASED_REASON,
    billing_hold: false,
    occurred_at: release.occurredAt.toISOString(),
    version: release.version,
  };
}

/** The fields every milestone.status_updated carries, in the seed example's order. */
function publishedFields(milestone: MilestoneSnapshot, status: MilestoneStatusChanged['to']) {
  return {
    contract_id: milestone.contractId,
    milestone_index: milestone.milestoneIndex,
    milestone_title: milestone.title,
    amount_due_cents: milestone.billedAmountCents ?? milestone.amountCents,
    // invoicing bills a share only when told so, never because an amount differs from its draft's
    ...(milestone.billedAmountCents !== null && milestone.billedAmountCents < milestone.amountCents ? { billed_share_at_termination: true } : {}),
    currency: milestone.currency,
    status,
    payout_destination: milestone.payoutDestination
      ? { account_token: milestone.payoutDestination.accountToken, auto_clear: milestone.payoutDestination.autoClear }
      : null,
    milestone_id: milestone.id,
    client_id: milestone.clientId,
    ...(milestone.evidenceUrl === null ? {} : { evidence_url: milestone.evidenceUrl }),
  };
}

/**
 * The advance notice: what the AP contact plans the payment by. The invoice is expected on the
 * planned date and due under the contract's net days from it (left out when the terms are unknown).
 */
export function dueSoonOf(milestone: MilestoneSnapshot, notice: MilestoneDueSoon): EventData<'milestone.due_soon'> {
  return {
    contract_id: milestone.contractId,
    client_id: milestone.clientId,
    milestone_index: milestone.milestoneIndex,
    milestone_title: milestone.title,
    planned_date: notice.plannedDate,
    days_until_due: notice.daysUntilDue,
    amount_due_cents: milestone.billedAmountCents ?? milestone.amountCents,
    currency: milestone.currency,
    milestone_id: milestone.id,
    expected_invoice_date: notice.plannedDate,
    ...(milestone.netDays === null || notice.expectedDueDate === null ? {} : { net_days: milestone.netDays, expected_due_date: notice.expectedDueDate }),
  };
}

export function delayedOf(milestone: MilestoneSnapshot, delay: MilestoneDelayed): EventData<'milestone.delayed'> {
  return {
    contract_id: milestone.contractId,
    client_id: milestone.clientId,
    milestone_index: milestone.milestoneIndex,
    milestone_title: milestone.title,
    planned_date: delay.plannedDate,
    days_late: delay.daysLate,
    status: delay.status,
    amount_due_cents: milestone.billedAmountCents ?? milestone.amountCents,
    currency: milestone.currency,
    milestone_id: milestone.id,
  };
}

/** What the approver needs to answer: what was delivered, against which criteria, by when, and what silence means. */
export function approvalRequestedOf(milestone: MilestoneSnapshot, request: ApprovalRequested): EventData<'milestone.approval_requested'> {
  if (milestone.submittedAt === null || milestone.evidenceUrl === null) throw new Error(`milestone ${milestone.id} asks for approval without a submission`);
  return {
    contract_id: milestone.contractId,
    client_id: milestone.clientId,
    milestone_id: milestone.id,
    milestone_index: milestone.milestoneIndex,
    milestone_title: milestone.title,
    kind: request.kind,
    acceptance_criteria: milestone.acceptanceCriteria,
    evidence_url: milestone.evidenceUrl,
    amount_due_cents: milestone.billedAmountCents ?? milestone.amountCents,
    currency: milestone.currency,
    submitted_at: milestone.submittedAt.toISOString(),
    approval_window_days: milestone.approvalWindowDays,
    approval_due_at: request.closesAt === null ? null : request.closesAt.toISOString(),
    last_day_to_answer: request.lastDay,
    deemed_acceptance: milestone.deemedAcceptance,
  };
}

export function approvalWindowClosedOf(milestone: MilestoneSnapshot, closed: ApprovalWindowClosed): EventData<'milestone.approval_window_closed'> {
  if (milestone.submittedAt === null) throw new Error(`milestone ${milestone.id} closes an approval window without a submission`);
  return {
    contract_id: milestone.contractId,
    client_id: milestone.clientId,
    milestone_id: milestone.id,
    milestone_index: milestone.milestoneIndex,
    milestone_title: milestone.title,
    submitted_at: milestone.submittedAt.toISOString(),
    closed_at: closed.closedAt.toISOString(),
    deemed_accepted: closed.deemedAccepted,
  };
}
