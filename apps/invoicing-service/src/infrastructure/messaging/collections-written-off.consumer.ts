import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { MarkInvoiceUncollectibleHandler } from '../../application/mark-invoice-uncollectible/mark-invoice-uncollectible.handler';

/**
 * collections.written_off → the invoice is marked uncollectible with collections' reason and case
 * (ARCHITECTURE.md: invoicing consumes it). The use case joins the consumer's unit of work, so the
 * change commits with the inbox record; an invoice no longer open is left as it is.
 */
@Injectable()
export class CollectionsWrittenOffConsumer implements EventHandler<'collections.written_off'> {
  readonly event = 'collections.written_off' as const;

  constructor(private readonly markUncollectible: MarkInvoiceUncollectibleHandler) {}

  async handle(envelope: EventEnvelope<'collections.written_off'>): Promise<void> {
    const { invoice_id: invoiceId, reason, case_id: caseId } = envelope.data;
    await this.markUncollectible.executeForCollections({ invoiceId, reason, caseId, causationId: envelope.id });
  }
}
