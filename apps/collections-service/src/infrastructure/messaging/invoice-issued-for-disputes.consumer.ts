import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { TrackDisputableInvoicesHandler } from '../../application/track-disputable-invoices/track-disputable-invoices.handler';

/**
 * Consumer group `collections-service.dispute-invoices`: every invoice of every client, as invoicing
 * announces it, so that any open invoice can be disputed for at most what is still owed on it (not
 * only the overdue ones a case holds). Kept apart from the cases' consumers on purpose (issue 11:
 * the receivable ledger may replace it).
 */
@Injectable()
export class InvoiceIssuedForDisputesConsumer implements EventHandler<'invoice.issued'> {
  readonly event = 'invoice.issued' as const;

  constructor(private readonly track: TrackDisputableInvoicesHandler) {}

  async handle(envelope: EventEnvelopeOfAnyVersion<'invoice.issued'>): Promise<void> {
    const { data } = envelope;
    await this.track.issued({
      invoiceId: data.invoice_id,
      invoiceNumber: data.invoice_number,
      contractId: data.contract_id,
      clientId: data.client_id,
      currency: data.currency,
      // What the client still had to pay right after issue: credit applied at issue is already paid.
      amountDueCents: data.amount_due_cents - (data.credit_applied_cents ?? 0),
    });
  }
}
