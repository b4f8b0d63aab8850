import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { RecordInvoiceDisputeHandler } from '../../application/record-invoice-dispute/record-invoice-dispute.handler';

/**
 * collections.dispute_resolved: the invoice is no longer in dispute; upheld, it is credited by a
 * credit note with the dispute as its reason, exactly once (the use case joins the consumer's unit
 * of work, so the credit commits with the inbox record, and the dispute row remembers the note).
 */
@Injectable()
export class CollectionsDisputeResolvedConsumer implements EventHandler<'collections.dispute_resolved'> {
  readonly event = 'collections.dispute_resolved' as const;

  constructor(private readonly recordDispute: RecordInvoiceDisputeHandler) {}

  async handle(envelope: EventEnvelope<'collections.dispute_resolved'>): Promise<void> {
    const { data } = envelope;
    await this.recordDispute.resolved({
      disputeId: data.dispute_id,
      invoiceId: data.invoice_id,
      openedAt: new Date(data.opened_at),
      outcome: data.outcome,
      creditAmountCents: data.credit_amount_cents ?? null,
      reason: data.reason,
      note: data.note,
      resolvedAt: new Date(data.resolved_at),
    });
  }
}
