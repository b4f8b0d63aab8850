import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { ScheduleMilestonesHandler } from '../../application/schedule-milestones/schedule-milestones.handler';

/**
 * A signed contract's schedule becomes milestones; deposits become billable at once.
 * The use case joins the consumer runner's transaction: its effect commits with the inbox record.
 */
@Injectable()
export class ContractActivatedConsumer implements EventHandler<'contract.activated'> {
  readonly event = 'contract.activated' as const;

  constructor(private readonly scheduleMilestones: ScheduleMilestonesHandler) {}

  async handle(envelope: EventEnvelopeOfAnyVersion<'contract.activated'>): Promise<void> {
    await this.scheduleMilestones.execute(envelope.data, envelope.id);
  }
}
