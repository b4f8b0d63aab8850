import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { ApplyPaymentHandler } from '../../application/apply-payment/apply-payment.handler';
import { SettleInvoiceHandler } from '../../application/settle-invoice/settle-invoice.handler';

/**
 * credit_note.issued: the credit lowers the balance of the case holding the invoice, as a payment
 * does; a credit that closed the invoice (credited in full, or settling what payments left) settles it.
 */
@Injectable()
export class CreditNoteIssuedConsumer implements EventHandler<'credit_note.issued'> {
  readonly event = 'credit_note.issued' as const;

  constructor(
    private readonly applyPayment: ApplyPaymentHandler,
    private readonly settleInvoice: SettleInvoiceHandler,
  ) {}

  async handle(envelope: EventEnvelope<'credit_note.issued'>): Promise<void> {
    const { invoice_id: invoiceId, invoice_status: invoiceStatus, amount_credited_cents: amountCents } = envelope.data;
    if (invoiceStatus === 'open') await this.applyPayment.execute({ allocations: [{ invoiceId, amountCents }], causationId: envelope.id });
    else await this.settleInvoice.execute({ invoiceId, causationId: envelope.id });
  }
}
