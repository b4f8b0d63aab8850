import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler, HandlerContext } from '@mb/messaging';
import { RecordInvoicePaidHandler } from '../../application/record-invoicing/record-invoice-paid.handler';

/** The milestone's invoice was paid in full: the milestone is paid. */
@Injectable()
export class InvoicePaidConsumer implements EventHandler<'invoice.paid'> {
  readonly event = 'invoice.paid' as const;

  constructor(private readonly recordInvoicePaid: RecordInvoicePaidHandler) {}

  async handle(envelope: EventEnvelope<'invoice.paid'>, { manager }: HandlerContext): Promise<void> {
    await this.recordInvoicePaid.execute(manager, envelope.data, envelope.id);
  }
}
