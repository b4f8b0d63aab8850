import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { TrackDisputableInvoicesHandler } from '../../application/track-disputable-invoices/track-disputable-invoices.handler';

/** invoice.voided (group `dispute-invoices`): nothing left to dispute. */
@Injectable()
export class InvoiceVoidedForDisputesConsumer implements EventHandler<'invoice.voided'> {
  readonly event = 'invoice.voided' as const;

  constructor(private readonly track: TrackDisputableInvoicesHandler) {}

  async handle(envelope: EventEnvelopeOfAnyVersion<'invoice.voided'>): Promise<void> {
    await this.track.closed(envelope.data.invoice_id);
  }
}
