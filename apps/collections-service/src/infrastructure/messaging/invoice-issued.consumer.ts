import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { RecordIssuedInvoiceHandler } from '../../application/record-issued-invoice/record-issued-invoice.handler';

/**
 * invoice.issued (versions 1 and 2 carry the same amounts): the receivable ledger knows the invoice
 * from its issue, for what the client was asked to pay: amount due less the credit applied at issue.
 */
@Injectable()
export class InvoiceIssuedConsumer implements EventHandler<'invoice.issued'> {
  readonly event = 'invoice.issued' as const;

  constructor(private readonly recordIssued: RecordIssuedInvoiceHandler) {}

  async handle(envelope: EventEnvelopeOfAnyVersion<'invoice.issued'>): Promise<void> {
    const { data } = envelope;
    await this.recordIssued.execute({
      invoiceId: data.invoice_id,
      clientId: data.client_id,
      contractId: data.contract_id,
      invoiceNumber: data.invoice_number,
      currency: data.currency,
      amountDueCents: data.amount_due_cents - (data.credit_applied_cents ?? 0),
      dueDate: data.due_date,
      issuedAt: new Date(envelope.created_at),
    });
  }
}
