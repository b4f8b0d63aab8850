import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { TrackDisputableInvoicesHandler } from '../../application/track-disputable-invoices/track-disputable-invoices.handler';

/** credit_note.issued (group `dispute-invoices`): the credit lowers the disputable balance; a credit that closed the invoice closes it. */
@Injectable()
export class CreditNoteIssuedForDisputesConsumer implements EventHandler<'credit_note.issued'> {
  readonly event = 'credit_note.issued' as const;

  constructor(private readonly track: TrackDisputableInvoicesHandler) {}

  async handle(envelope: EventEnvelope<'credit_note.issued'>): Promise<void> {
    const { invoice_id: invoiceId, amount_credited_cents: amountCents, invoice_status: invoiceStatus } = envelope.data;
    await this.track.reduced([{ invoiceId, amountCents }]);
    if (invoiceStatus !== 'open') await this.track.closed(invoiceId);
  }
}
