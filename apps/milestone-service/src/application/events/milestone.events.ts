import type { EventData } from '@mb/events';
import type { CatalogueEvent } from '@mb/messaging';
import type { BillingTriggerReleased, MilestoneEvent, MilestoneSnapshot, MilestoneStatusChanged } from '../../domain/milestone/milestone';

/** Why a milestone.status_updated repeats the status it had: the billing trigger held so far goes out now. */
export const BILLING_HOLD_RELEASED_REASON = 'billing hold released';

/**
 * The catalogue events announcing what a milestone recorded, in order: one milestone.status_updated
 * per transition, each saying whether a billing hold is current (`billing_hold`), and one more when
 * the release of a hold lets a held billing trigger go (same status, `billing_hold: false`). Placing
 * and releasing a hold otherwise publish nothing: their history is read from the API.
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
        return [];
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
    amount_due_cents: milestone.amountCents,
    currency: milestone.currency,
    status,
    payout_destination: milestone.payoutDestination
      ? { account_token: milestone.payoutDestination.accountToken, auto_clear: milestone.payoutDestination.autoClear }
      : null,
    milestone_id: milestone.id,
    client_id: milestone.clientId,
  };
}
