import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import { EventHandler, HandlerContext } from '@mb/messaging';
import { ApplySettlementHandler } from '../../application/apply-settlement/apply-settlement.handler';

@Injectable()
export class InvoicePaidConsumer implements EventHandler<'invoice.paid'> {
  readonly event = 'invoice.paid' as const;

  constructor(private readonly applySettlement: ApplySettlementHandler) {}

  async handle(envelope: EventEnvelope<'invoice.paid'>, { manager }: HandlerContext): Promise<void> {
    await this.applySettlement.invoicePaid(manager, envelope.data.invoice_id, envelope.id);
  }
}
