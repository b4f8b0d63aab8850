import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { RecordContractTerminationHandler } from '../../application/record-contract-termination/record-contract-termination.handler';

/**
 * contract.terminated → the termination is recorded on the contract, in the consumer's unit of
 * work, whichever version it comes in. The milestones it bills are issued and those it cancels
 * discarded as milestone-service announces each (see RecordContractTerminationHandler).
 */
@Injectable()
export class ContractTerminatedConsumer implements EventHandler<'contract.terminated'> {
  readonly event = 'contract.terminated' as const;

  constructor(private readonly recordTermination: RecordContractTerminationHandler) {}

  async handle({ data }: EventEnvelopeOfAnyVersion<'contract.terminated'>): Promise<void> {
    await this.recordTermination.execute({ contractId: data.contract_id, terminatedAt: data.terminated_at, reason: data.reason });
  }
}
