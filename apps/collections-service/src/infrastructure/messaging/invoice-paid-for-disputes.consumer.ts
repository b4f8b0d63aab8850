import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { TrackDisputableInvoicesHandler } from '../../application/track-disputable-invoices/track-disputable-invoices.handler';

/** invoice.paid (group `dispute-invoices`): nothing left to dispute. */
@Injectable()
export class InvoicePaidForDisputesConsumer implements EventHandler<'invoice.paid'> {
  readonly event = 'invoice.paid' as const;

  constructor(private readonly track: TrackDisputableInvoicesHandler) {}

  async handle(envelope: EventEnvelopeOfAnyVersion<'invoice.paid'>): Promise<void> {
    await this.track.closed(envelope.data.invoice_id);
  }
}
