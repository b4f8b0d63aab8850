import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { RecordMilestoneProgressHandler } from '../../application/record-milestone-progress/record-milestone-progress.handler';

/**
 * milestone.status_updated, every transition → the milestone's status in the contract's progress
 * view. A billing hold's release repeats triggered_for_disbursement; keeping it again is harmless.
 */
@Injectable()
export class MilestoneStatusUpdatedConsumer implements EventHandler<'milestone.status_updated'> {
  readonly event = 'milestone.status_updated' as const;

  constructor(private readonly recordProgress: RecordMilestoneProgressHandler) {}

  async handle(envelope: EventEnvelope<'milestone.status_updated'>): Promise<void> {
    const { data } = envelope;
    await this.recordProgress.execute({
      contractId: data.contract_id,
      milestoneIndex: data.milestone_index,
      milestoneId: data.milestone_id ?? null,
      status: data.status,
      milestoneVersion: data.version ?? null,
      updatedAt: new Date(data.occurred_at ?? envelope.created_at),
      eventId: envelope.id,
    });
  }
}
