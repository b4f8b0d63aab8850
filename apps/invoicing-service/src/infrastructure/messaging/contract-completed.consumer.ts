import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { CompleteContractHandler } from '../../application/complete-contract/complete-contract.handler';

/** contract.completed → retainage still held is released, in the consumer's unit of work. */
@Injectable()
export class ContractCompletedConsumer implements EventHandler<'contract.completed'> {
  readonly event = 'contract.completed' as const;

  constructor(private readonly completeContract: CompleteContractHandler) {}

  async handle(envelope: EventEnvelope<'contract.completed'>): Promise<void> {
    await this.completeContract.execute({ contractId: envelope.data.contract_id, completedAt: new Date(envelope.data.completed_at), causationId: envelope.id });
  }
}
