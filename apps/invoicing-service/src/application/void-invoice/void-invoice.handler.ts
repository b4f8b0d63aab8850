import { Inject, Injectable } from '@nestjs/common';
import { type Clock, Timers, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { InvoiceSnapshot } from '../../domain/invoice/invoice';
import { InvoiceErrors } from '../../domain/invoice/invoice.errors';
import { INVOICE_OVERDUE_TIMER } from '../announce-invoice-overdue/announce-invoice-overdue.handler';
import { PaymentReminderScheduler } from '../ports/payment-reminder-scheduler.port';
import { invoiceCatalogueEvents } from '../events/invoice.events';
import { InvoiceRepository } from '../ports/invoice.repository';

export interface VoidInvoiceCommand {
  readonly invoiceId: string;
  readonly reason: string;
}

/**
 * Voids an open invoice nothing was paid or credited on (issue 10): invoice.voided goes out and
 * its overdue timer is cancelled in the same unit of work. Its number stays used.
 */
@Injectable()
export class VoidInvoiceHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: InvoiceRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    private readonly reminders: PaymentReminderScheduler,
  ) {}

  async execute(command: VoidInvoiceCommand): Promise<InvoiceSnapshot> {
    return this.unitOfWork.run(async () => {
      const invoice = await this.invoices.findById(command.invoiceId, { forUpdate: true });
      if (!invoice) throw InvoiceErrors.notFound(command.invoiceId);
      invoice.void({ reason: command.reason, at: this.clock.now() });
      await this.invoices.save(invoice);
      await this.outbox.recordAll(invoiceCatalogueEvents(invoice.pullEvents(), invoice.snapshot()));
      await this.timers.cancel(INVOICE_OVERDUE_TIMER, invoice.id);
      await this.reminders.cancelFor(invoice.id);
      return invoice.snapshot();
    });
  }
}
