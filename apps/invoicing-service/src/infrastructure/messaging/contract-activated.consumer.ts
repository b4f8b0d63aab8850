import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler, HandlerContext } from '@mb/messaging';
import { PrepareDraftInvoices } from '../../application/prepare-draft-invoices/prepare-draft-invoices.handler';

/** contract.activated → a draft invoice per milestone, in the consumer's (inbox) transaction. */
@Injectable()
export class ContractActivatedConsumer implements EventHandler<'contract.activated'> {
  readonly event = 'contract.activated' as const;

  constructor(private readonly prepareDrafts: PrepareDraftInvoices) {}

  async handle(envelope: EventEnvelope<'contract.activated'>, { manager }: HandlerContext): Promise<void> {
    await this.prepareDrafts.execute(manager, envelope.data);
  }
}
