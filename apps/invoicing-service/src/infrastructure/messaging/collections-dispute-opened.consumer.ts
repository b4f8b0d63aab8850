import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { RecordInvoiceDisputeHandler } from '../../application/record-invoice-dispute/record-invoice-dispute.handler';

/** collections.dispute_opened: the invoice is in dispute (shown as `in_dispute`, skipped by reminders). */
@Injectable()
export class CollectionsDisputeOpenedConsumer implements EventHandler<'collections.dispute_opened'> {
  readonly event = 'collections.dispute_opened' as const;

  constructor(private readonly recordDispute: RecordInvoiceDisputeHandler) {}

  async handle(envelope: EventEnvelope<'collections.dispute_opened'>): Promise<void> {
    const { dispute_id: disputeId, invoice_id: invoiceId, opened_at: openedAt } = envelope.data;
    await this.recordDispute.opened({ disputeId, invoiceId, openedAt: new Date(openedAt) });
  }
}
