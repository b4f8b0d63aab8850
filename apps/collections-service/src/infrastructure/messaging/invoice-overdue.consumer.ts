import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { TrackOverdueInvoiceHandler } from '../../application/track-overdue-invoice/track-overdue-invoice.handler';

/** invoice.overdue: the invoice joins its client's collections case, or opens one. */
@Injectable()
export class InvoiceOverdueConsumer implements EventHandler<'invoice.overdue'> {
  readonly event = 'invoice.overdue' as const;

  constructor(private readonly trackOverdueInvoice: TrackOverdueInvoiceHandler) {}

  async handle(envelope: EventEnvelope<'invoice.overdue'>): Promise<void> {
    const { data } = envelope;
    await this.trackOverdueInvoice.execute({
      clientId: data.client_id,
      causationId: envelope.id,
      invoice: {
        invoiceId: data.invoice_id,
        invoiceNumber: data.invoice_number,
        contractId: data.contract_id,
        currency: data.currency,
        amountDueCents: data.amount_due_cents,
        dueDate: data.due_date,
        daysOverdue: data.days_overdue,
      },
    });
  }
}
