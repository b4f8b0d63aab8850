import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler, HandlerContext } from '@mb/messaging';
import { ScheduleMilestonesHandler } from '../../application/schedule-milestones/schedule-milestones.handler';

/** A signed contract's schedule becomes milestones; deposits become billable at once. */
@Injectable()
export class ContractActivatedConsumer implements EventHandler<'contract.activated'> {
  readonly event = 'contract.activated' as const;

  constructor(private readonly scheduleMilestones: ScheduleMilestonesHandler) {}

  async handle(envelope: EventEnvelope<'contract.activated'>, { manager }: HandlerContext): Promise<void> {
    await this.scheduleMilestones.execute(manager, envelope.data, envelope.id);
  }
}
