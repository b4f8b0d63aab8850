import type { EventData } from '@mb/events';
import type { CatalogueEvent } from '@mb/messaging';
import type { MilestoneEvent, MilestoneSnapshot, MilestoneStatusChanged } from '../../domain/milestone/milestone';

/** The catalogue events announcing what a milestone recorded, in order: one milestone.status_updated per change. */
export function milestoneCatalogueEvents(events: readonly MilestoneEvent[], milestone: MilestoneSnapshot): CatalogueEvent[] {
  return events.map((event): CatalogueEvent => {
    switch (event.type) {
      case 'status_changed':
        return { name: 'milestone.status_updated', data: statusUpdatedOf(milestone, event) };
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
