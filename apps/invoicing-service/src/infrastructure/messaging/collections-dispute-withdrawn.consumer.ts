import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { RecordInvoiceDisputeHandler } from '../../application/record-invoice-dispute/record-invoice-dispute.handler';

/** collections.dispute_withdrawn (issue 15): the invoice is no longer in dispute; nothing is credited. */
@Injectable()
export class CollectionsDisputeWithdrawnConsumer implements EventHandler<'collections.dispute_withdrawn'> {
  readonly event = 'collections.dispute_withdrawn' as const;

  constructor(private readonly recordDispute: RecordInvoiceDisputeHandler) {}

  async handle(envelope: EventEnvelope<'collections.dispute_withdrawn'>): Promise<void> {
    const { dispute_id: disputeId, invoice_id: invoiceId, opened_at: openedAt, withdrawn_at: withdrawnAt } = envelope.data;
    await this.recordDispute.withdrawn({ disputeId, invoiceId, openedAt: new Date(openedAt), withdrawnAt: new Date(withdrawnAt) });
  }
}
