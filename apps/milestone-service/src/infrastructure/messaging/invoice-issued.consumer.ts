import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { RecordInvoiceIssuedHandler } from '../../application/record-invoice-issued/record-invoice-issued.handler';

/**
 * The milestone's invoice went out: the milestone is invoiced.
 * The use case joins the consumer runner's transaction: its effect commits with the inbox record.
 */
@Injectable()
export class InvoiceIssuedConsumer implements EventHandler<'invoice.issued'> {
  readonly event = 'invoice.issued' as const;

  constructor(private readonly recordInvoiceIssued: RecordInvoiceIssuedHandler) {}

  async handle(envelope: EventEnvelope<'invoice.issued'>): Promise<void> {
    await this.recordInvoiceIssued.execute(envelope.data, envelope.id);
  }
}
