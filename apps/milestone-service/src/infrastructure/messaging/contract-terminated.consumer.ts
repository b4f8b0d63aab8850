import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { CancelUnbilledMilestonesHandler } from '../../application/cancel-unbilled-milestones/cancel-unbilled-milestones.handler';

/**
 * A terminated contract's unbilled milestones are cancelled.
 * The use case joins the consumer runner's transaction: its effect commits with the inbox record.
 */
@Injectable()
export class ContractTerminatedConsumer implements EventHandler<'contract.terminated'> {
  readonly event = 'contract.terminated' as const;

  constructor(private readonly cancelUnbilled: CancelUnbilledMilestonesHandler) {}

  async handle(envelope: EventEnvelope<'contract.terminated'>): Promise<void> {
    await this.cancelUnbilled.execute(envelope.data, envelope.id);
  }
}
