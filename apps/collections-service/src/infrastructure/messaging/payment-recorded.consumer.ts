import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { ApplyPaymentHandler } from '../../application/apply-payment/apply-payment.handler';

/**
 * payment.recorded: each part of the payment lowers the balance of the case holding its invoice.
 * Both versions carry the allocations this needs (version 2: a client's payment across its
 * contracts; version 1: one contract's); what a payment left unapplied is no invoice's balance.
 */
@Injectable()
export class PaymentRecordedConsumer implements EventHandler<'payment.recorded'> {
  readonly event = 'payment.recorded' as const;

  constructor(private readonly applyPayment: ApplyPaymentHandler) {}

  async handle(envelope: EventEnvelopeOfAnyVersion<'payment.recorded'>): Promise<void> {
    const allocations = envelope.data.allocations.map((allocation) => ({ invoiceId: allocation.invoice_id, amountCents: allocation.amount_cents }));
    await this.applyPayment.execute({ allocations, causationId: envelope.id });
  }
}
