import { Inject, Injectable } from '@nestjs/common';
import { type Clock, Timers, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { InvoiceSnapshot } from '../../domain/invoice/invoice';
import { InvoiceErrors } from '../../domain/invoice/invoice.errors';
import { INVOICE_OVERDUE_TIMER } from '../announce-invoice-overdue/announce-invoice-overdue.handler';
import { invoiceCatalogueEvents } from '../events/invoice.events';
import { InvoiceRepository } from '../ports/invoice.repository';

export interface MarkInvoiceUncollectibleCommand {
  readonly invoiceId: string;
  readonly reason: string;
}

/**
 * Writes an open invoice's balance off (issue 10): the invoice becomes uncollectible,
 * invoice.uncollectible goes out with the amount given up, and its overdue timer is cancelled, in
 * one unit of work. Internal: subscribers hear of it by webhook, the client gets no email.
 */
@Injectable()
export class MarkInvoiceUncollectibleHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: InvoiceRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: MarkInvoiceUncollectibleCommand): Promise<InvoiceSnapshot> {
    return this.unitOfWork.run(async () => {
      const invoice = await this.invoices.findById(command.invoiceId, { forUpdate: true });
      if (!invoice) throw InvoiceErrors.notFound(command.invoiceId);
      invoice.markUncollectible({ reason: command.reason, at: this.clock.now() });
      await this.invoices.save(invoice);
      await this.outbox.recordAll(invoiceCatalogueEvents(invoice.pullEvents(), invoice.snapshot()));
      await this.timers.cancel(INVOICE_OVERDUE_TIMER, invoice.id);
      return invoice.snapshot();
    });
  }
}
