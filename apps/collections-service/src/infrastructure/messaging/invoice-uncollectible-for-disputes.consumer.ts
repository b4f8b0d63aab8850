import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { TrackDisputableInvoicesHandler } from '../../application/track-disputable-invoices/track-disputable-invoices.handler';

/** invoice.uncollectible (group `dispute-invoices`): written off, nothing left to dispute. */
@Injectable()
export class InvoiceUncollectibleForDisputesConsumer implements EventHandler<'invoice.uncollectible'> {
  readonly event = 'invoice.uncollectible' as const;

  constructor(private readonly track: TrackDisputableInvoicesHandler) {}

  async handle(envelope: EventEnvelopeOfAnyVersion<'invoice.uncollectible'>): Promise<void> {
    await this.track.closed(envelope.data.invoice_id);
  }
}
