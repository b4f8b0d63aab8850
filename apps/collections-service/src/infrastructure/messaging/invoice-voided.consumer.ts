import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { SettleInvoiceHandler } from '../../application/settle-invoice/settle-invoice.handler';

/** invoice.voided: nothing is owed on the invoice any more; it is settled, in its case if one holds it. */
@Injectable()
export class InvoiceVoidedConsumer implements EventHandler<'invoice.voided'> {
  readonly event = 'invoice.voided' as const;

  constructor(private readonly settleInvoice: SettleInvoiceHandler) {}

  async handle(envelope: EventEnvelope<'invoice.voided'>): Promise<void> {
    await this.settleInvoice.execute({ invoiceId: envelope.data.invoice_id, causationId: envelope.id });
  }
}
