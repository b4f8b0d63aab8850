import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { CloseCompletedContractHandler } from '../../application/close-completed-contract/close-completed-contract.handler';

/** A completed contract's timers still set are closed, in the consumer's unit of work. */
@Injectable()
export class ContractCompletedConsumer implements EventHandler<'contract.completed'> {
  readonly event = 'contract.completed' as const;

  constructor(private readonly closeContract: CloseCompletedContractHandler) {}

  async handle(envelope: EventEnvelope<'contract.completed'>): Promise<void> {
    await this.closeContract.execute(envelope.data.contract_id);
  }
}
