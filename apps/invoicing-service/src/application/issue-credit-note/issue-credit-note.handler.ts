import { Inject, Injectable } from '@nestjs/common';
import { calendarDateIn, type Clock, newId, Timers, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { CreditNote, type CreditNoteSnapshot, type CreditScope } from '../../domain/credit-note/credit-note';
import type { InvoiceSnapshot } from '../../domain/invoice/invoice';
import { InvoiceErrors } from '../../domain/invoice/invoice.errors';
import { creditNoteSeriesOf, invoiceNumberAt } from '../../domain/invoice/numbering';
import { INVOICE_OVERDUE_TIMER } from '../announce-invoice-overdue/announce-invoice-overdue.handler';
import { PaymentReminderScheduler } from '../ports/payment-reminder-scheduler.port';
import { creditNoteCatalogueEvents } from '../events/credit-note.events';
import { invoiceCatalogueEvents } from '../events/invoice.events';
import { CreditNoteRepository } from '../ports/credit-note.repository';
import { InvoiceNumberSeriesRepository } from '../ports/invoice-number-series.repository';
import { InvoiceRepository } from '../ports/invoice.repository';

export interface IssueCreditNoteCommand {
  readonly invoiceId: string;
  readonly scope: CreditScope;
  readonly reason: string;
}

/**
 * Issues a credit note against an open invoice (issue 10): the invoice is locked, the lines it
 * already had credited are read, the note is numbered in the client's-calendar-year CN series (the
 * counter locked in this unit of work, after the invoice, as issuing an invoice does, so the two
 * never wait on each other in opposite orders), and its amount comes off the invoice's balance.
 * credit_note.issued (and invoice.paid, when money had been received and the credit settled the
 * rest) go out in the same unit of work; an invoice closed by the credit has its overdue timer
 * cancelled.
 */
@Injectable()
export class IssueCreditNoteHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: InvoiceRepository,
    private readonly creditNotes: CreditNoteRepository,
    private readonly series: InvoiceNumberSeriesRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    private readonly reminders: PaymentReminderScheduler,
  ) {}

  async execute(command: IssueCreditNoteCommand): Promise<{ creditNote: CreditNoteSnapshot; invoice: InvoiceSnapshot }> {
    return this.unitOfWork.run(async () => {
      const invoice = await this.invoices.findById(command.invoiceId, { forUpdate: true });
      if (!invoice) throw InvoiceErrors.notFound(command.invoiceId);
      // Refused before a number is taken: the counter stays unlocked for everyone else.
      if (invoice.status !== 'open') throw InvoiceErrors.notOpenForCorrection(invoice.id, invoice.status);
      const creditedBefore = (await this.creditNotes.findByInvoice(invoice.id)).flatMap((note) => note.snapshot().lines);
      const now = this.clock.now();
      const issueDate = calendarDateIn(now, invoice.snapshot().clientTimeZone);
      const series = creditNoteSeriesOf(issueDate);
      const next = invoiceNumberAt(series, await this.series.takeNextSequence(series));
      const creditNote = CreditNote.issue({
        id: newId('cn'),
        number: next.number,
        invoice,
        creditedBefore,
        scope: command.scope,
        reason: command.reason,
        issueDate,
        now,
      });
      await this.creditNotes.add(creditNote);
      await this.invoices.save(invoice);
      await this.outbox.recordAll([
        ...creditNoteCatalogueEvents(creditNote.pullEvents(), creditNote.snapshot(), invoice.snapshot()),
        ...invoiceCatalogueEvents(invoice.pullEvents(), invoice.snapshot()),
      ]);
      if (invoice.status !== 'open') {
        await this.timers.cancel(INVOICE_OVERDUE_TIMER, invoice.id);
        await this.reminders.cancelFor(invoice.id);
      }
      return { creditNote: creditNote.snapshot(), invoice: invoice.snapshot() };
    });
  }
}
