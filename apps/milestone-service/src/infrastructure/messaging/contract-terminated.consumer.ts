import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler, HandlerContext } from '@mb/messaging';
import { CancelUnbilledMilestonesHandler } from '../../application/cancel-unbilled-milestones/cancel-unbilled-milestones.handler';

/** A terminated contract's unbilled milestones are cancelled. */
@Injectable()
export class ContractTerminatedConsumer implements EventHandler<'contract.terminated'> {
  readonly event = 'contract.terminated' as const;

  constructor(private readonly cancelUnbilled: CancelUnbilledMilestonesHandler) {}

  async handle(envelope: EventEnvelope<'contract.terminated'>, { manager }: HandlerContext): Promise<void> {
    await this.cancelUnbilled.execute(manager, envelope.data, envelope.id);
  }
}
