import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { ApplyPaymentHandler } from '../../application/apply-payment/apply-payment.handler';

/** payment.recorded: each part of the payment lowers the balance of the case holding its invoice. */
@Injectable()
export class PaymentRecordedConsumer implements EventHandler<'payment.recorded'> {
  readonly event = 'payment.recorded' as const;

  constructor(private readonly applyPayment: ApplyPaymentHandler) {}

  async handle(envelope: EventEnvelope<'payment.recorded'>): Promise<void> {
    const allocations = envelope.data.allocations.map((allocation) => ({ invoiceId: allocation.invoice_id, amountCents: allocation.amount_cents }));
    await this.applyPayment.execute({ allocations, causationId: envelope.id });
  }
}
