import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { RecordInvoicePaidHandler } from '../../application/record-invoice-paid/record-invoice-paid.handler';

/**
 * The milestone's invoice was paid in full: the milestone is paid.
 * The use case joins the consumer runner's transaction: its effect commits with the inbox record.
 */
@Injectable()
export class InvoicePaidConsumer implements EventHandler<'invoice.paid'> {
  readonly event = 'invoice.paid' as const;

  constructor(private readonly recordInvoicePaid: RecordInvoicePaidHandler) {}

  async handle(envelope: EventEnvelope<'invoice.paid'>): Promise<void> {
    await this.recordInvoicePaid.execute(envelope.data, envelope.id);
  }
}
