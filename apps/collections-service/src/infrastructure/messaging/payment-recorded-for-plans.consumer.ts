import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { ApplyPaymentToPlansHandler } from '../../application/apply-payment-to-plans/apply-payment-to-plans.handler';

/**
 * payment.recorded, in the payment plans' own consumer group (`collections-service.payment-plans`):
 * each part of the payment that went to an invoice an active plan covers pays its instalments. A
 * group of its own, so that matching payments to plans neither waits on nor changes how the cases'
 * balances are kept from the same events.
 */
@Injectable()
export class PaymentRecordedForPlansConsumer implements EventHandler<'payment.recorded'> {
  readonly event = 'payment.recorded' as const;

  constructor(private readonly applyToPlans: ApplyPaymentToPlansHandler) {}

  async handle(envelope: EventEnvelopeOfAnyVersion<'payment.recorded'>): Promise<void> {
    const allocations = envelope.data.allocations.map((allocation) => ({ invoiceId: allocation.invoice_id, amountCents: allocation.amount_cents }));
    await this.applyToPlans.execute({ allocations, causationId: envelope.id });
  }
}
