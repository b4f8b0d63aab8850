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

export interface MarkInvoiceUncollectibleCommand {
  readonly invoiceId: string;
  readonly reason: string;
  /** The collections case that wrote it off, when collections did (collections.written_off). */
  readonly caseId?: string;
  /** The event that caused it, for the outbox's causation id. */
  readonly causationId?: string;
}

/**
 * Writes an open invoice's balance off (issue 10): the invoice becomes uncollectible,
 * invoice.uncollectible goes out with the amount given up, and its overdue timer is cancelled, in
 * one unit of work. Internal: subscribers hear of it by webhook, the client gets no email.
 * Asked by finance (the API), or by collections' write-off (`executeForCollections`).
 */
@Injectable()
export class MarkInvoiceUncollectibleHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: InvoiceRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    private readonly reminders: PaymentReminderScheduler,
  ) {}

  async execute(command: MarkInvoiceUncollectibleCommand): Promise<InvoiceSnapshot> {
    return this.unitOfWork.run(async () => {
      const invoice = await this.invoices.findById(command.invoiceId, { forUpdate: true });
      if (!invoice) throw InvoiceErrors.notFound(command.invoiceId);
      invoice.markUncollectible({ reason: command.reason, at: this.clock.now(), caseId: command.caseId ?? null });
      await this.invoices.save(invoice);
      await this.outbox.recordAll(invoiceCatalogueEvents(invoice.pullEvents(), invoice.snapshot()), command.causationId ? { causationId: command.causationId } : undefined);
      await this.timers.cancel(INVOICE_OVERDUE_TIMER, invoice.id);
      await this.reminders.cancelFor(invoice.id);
      return invoice.snapshot();
    });
  }

  /**
   * collections.written_off: collections gave the balance up. An invoice no longer open by the time
   * it arrives (paid meanwhile, voided, credited, written off by finance already, or this event
   * redelivered) has nothing left to give up: nothing happens, rather than a dead letter.
   */
  async executeForCollections(command: MarkInvoiceUncollectibleCommand & { caseId: string; causationId: string }): Promise<'written_off' | 'not_open'> {
    return this.unitOfWork.run(async () => {
      const invoice = await this.invoices.findById(command.invoiceId, { forUpdate: true });
      if (!invoice) throw InvoiceErrors.notFound(command.invoiceId);
      if (invoice.status !== 'open') return 'not_open';
      await this.execute(command);
      return 'written_off';
    });
  }
}
