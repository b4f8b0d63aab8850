import type { EventData } from '@mb/events';
import type { CatalogueEvent } from '@mb/messaging';
import type { MilestoneDelayed, MilestoneDueSoon, MilestoneEvent, MilestoneSnapshot, MilestoneStatusChanged } from '../../domain/milestone/milestone';

/**
 * The catalogue events announcing what a milestone recorded, in order: one milestone.status_updated
 * per change, milestone.due_soon for an advance notice, milestone.delayed for a missed planned date.
 */
export function milestoneCatalogueEvents(events: readonly MilestoneEvent[], milestone: MilestoneSnapshot): CatalogueEvent[] {
  return events.map((event): CatalogueEvent => {
    switch (event.type) {
      case 'status_changed':
        return { name: 'milestone.status_updated', data: statusUpdatedOf(milestone, event) };
      case 'due_soon':
        return { name: 'milestone.due_soon', data: dueSoonOf(milestone, event) };
      case 'delayed':
        return { name: 'milestone.delayed', data: delayedOf(milestone, event) };
    }
  });
}

/** The published shape of one change: ARCHITECTURE.md's example event plus ids, previous status and version. */
export function statusUpdatedOf(milestone: MilestoneSnapshot, change: MilestoneStatusChanged): EventData<'milestone.status_updated'> {
  return {
    contract_id: milestone.contractId,
    milestone_index: milestone.milestoneIndex,
    milestone_title: milestone.title,
    amount_due_cents: milestone.amountCents,
    currency: milestone.currency,
    status: change.to,
    payout_destination: milestone.payoutDestination
      ? { account_token: milestone.payoutDestination.accountToken, auto_clear: milestone.payoutDestination.autoClear }
      : null,
    milestone_id: milestone.id,
    client_id: milestone.clientId,
    ...(change.from === null ? {} : { previous_status: change.from }),
    ...(change.reason === undefined ? {} : { reason: change.reason }),
    occurred_at: change.occurredAt.toISOString(),
    version: change.version,
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
    amount_due_cents: milestone.amountCents,
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
    amount_due_cents: milestone.amountCents,
    currency: milestone.currency,
    milestone_id: milestone.id,
  };
}
