import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData } from '@mb/events';
import { OutboxWriter } from '@mb/messaging';
import { Milestone, MilestoneState, MilestoneStatusChanged } from '../domain/milestone';
import { MilestoneRepository } from './ports/milestone.repository';

export interface SaveOptions {
  /** The event or request that caused the change, carried in the published events' headers. */
  readonly causationId?: string;
}

/**
 * Saves a milestone and publishes each change it recorded as milestone.status_updated, in the
 * caller's transaction: the state and its events commit together or not at all.
 */
@Injectable()
export class MilestoneStore {
  constructor(
    private readonly milestones: MilestoneRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async save(manager: EntityManager, milestone: Milestone, options: SaveOptions = {}): Promise<void> {
    const changes = milestone.pullChanges();
    if (milestone.loadedVersion === 0) await this.milestones.insert(manager, milestone);
    else if (changes.length > 0) await this.milestones.update(manager, milestone);
    const state = milestone.snapshot;
    for (const change of changes) {
      await this.outbox.record(manager, 'milestone.status_updated', statusUpdatedOf(state, change), { causationId: options.causationId });
    }
  }
}

/** The published shape of one change: ARCHITECTURE.md's example event plus ids, previous status and version. */
export function statusUpdatedOf(state: MilestoneState, change: MilestoneStatusChanged): EventData<'milestone.status_updated'> {
  return {
    contract_id: state.contractId,
    milestone_index: state.milestoneIndex,
    milestone_title: state.title,
    amount_due_cents: state.amountCents,
    currency: state.currency,
    status: change.to,
    payout_destination: state.payoutDestination
      ? { account_token: state.payoutDestination.accountToken, auto_clear: state.payoutDestination.autoClear }
      : null,
    milestone_id: state.id,
    client_id: state.clientId,
    ...(change.from === null ? {} : { previous_status: change.from }),
    ...(change.reason === undefined ? {} : { reason: change.reason }),
    occurred_at: change.occurredAt.toISOString(),
    version: change.version,
  };
}
