import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import { EventHandler, HandlerContext } from '@mb/messaging';
import { ApplySettlementHandler } from '../../application/apply-settlement/apply-settlement.handler';

@Injectable()
export class PaymentRecordedConsumer implements EventHandler<'payment.recorded'> {
  readonly event = 'payment.recorded' as const;

  constructor(private readonly applySettlement: ApplySettlementHandler) {}

  async handle(envelope: EventEnvelope<'payment.recorded'>, { manager }: HandlerContext): Promise<void> {
    const allocations = envelope.data.allocations.map((allocation) => ({ invoiceId: allocation.invoice_id, amountCents: allocation.amount_cents }));
    await this.applySettlement.paymentApplied(manager, allocations, envelope.id);
  }
}
