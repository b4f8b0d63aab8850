import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { SettleInvoiceHandler } from '../../application/settle-invoice/settle-invoice.handler';

/** invoice.paid: the invoice is settled, in its case if one holds it. */
@Injectable()
export class InvoicePaidConsumer implements EventHandler<'invoice.paid'> {
  readonly event = 'invoice.paid' as const;

  constructor(private readonly settleInvoice: SettleInvoiceHandler) {}

  async handle(envelope: EventEnvelope<'invoice.paid'>): Promise<void> {
    await this.settleInvoice.execute({ invoiceId: envelope.data.invoice_id, causationId: envelope.id });
  }
}
