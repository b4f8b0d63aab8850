import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler, HandlerContext } from '@mb/messaging';
import { RecordInvoiceIssuedHandler } from '../../application/record-invoicing/record-invoice-issued.handler';

/** The milestone's invoice went out: the milestone is invoiced. */
@Injectable()
export class InvoiceIssuedConsumer implements EventHandler<'invoice.issued'> {
  readonly event = 'invoice.issued' as const;

  constructor(private readonly recordInvoiceIssued: RecordInvoiceIssuedHandler) {}

  async handle(envelope: EventEnvelope<'invoice.issued'>, { manager }: HandlerContext): Promise<void> {
    await this.recordInvoiceIssued.execute(manager, envelope.data, envelope.id);
  }
}
