import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { WriteOffInvoiceHandler } from '../../application/write-off-invoice/write-off-invoice.handler';

/** invoice.uncollectible: invoicing wrote the balance off; the case holding it stops chasing it. */
@Injectable()
export class InvoiceUncollectibleConsumer implements EventHandler<'invoice.uncollectible'> {
  readonly event = 'invoice.uncollectible' as const;

  constructor(private readonly writeOffInvoice: WriteOffInvoiceHandler) {}

  async handle(envelope: EventEnvelope<'invoice.uncollectible'>): Promise<void> {
    await this.writeOffInvoice.execute({ invoiceId: envelope.data.invoice_id, causationId: envelope.id });
  }
}
