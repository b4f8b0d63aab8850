import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { TrackDisputableInvoicesHandler } from '../../application/track-disputable-invoices/track-disputable-invoices.handler';

/** payment.recorded (group `dispute-invoices`): each part of the payment lowers its invoice's disputable balance. */
@Injectable()
export class PaymentRecordedForDisputesConsumer implements EventHandler<'payment.recorded'> {
  readonly event = 'payment.recorded' as const;

  constructor(private readonly track: TrackDisputableInvoicesHandler) {}

  async handle(envelope: EventEnvelopeOfAnyVersion<'payment.recorded'>): Promise<void> {
    await this.track.reduced(envelope.data.allocations.map((allocation) => ({ invoiceId: allocation.invoice_id, amountCents: allocation.amount_cents })));
  }
}
