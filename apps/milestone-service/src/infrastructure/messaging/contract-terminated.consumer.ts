import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { SettleTerminatedContractHandler } from '../../application/settle-terminated-contract/settle-terminated-contract.handler';

/**
 * A terminated contract's milestones are settled: billed or cancelled as its settlement says
 * (version 2), or the unbilled ones cancelled (version 1, which has none).
 * The use case joins the consumer runner's transaction: its effect commits with the inbox record.
 */
@Injectable()
export class ContractTerminatedConsumer implements EventHandler<'contract.terminated'> {
  readonly event = 'contract.terminated' as const;

  constructor(private readonly settle: SettleTerminatedContractHandler) {}

  async handle(envelope: EventEnvelopeOfAnyVersion<'contract.terminated'>): Promise<void> {
    await this.settle.execute(envelope.data, envelope.id);
  }
}
