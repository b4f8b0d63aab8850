import { Injectable } from '@nestjs/common';
import { Timers, UnitOfWork } from '@mb/kernel';
import { INVOICE_OVERDUE_TIMER } from '../announce-invoice-overdue/announce-invoice-overdue.handler';
import { InvoiceRepository } from '../ports/invoice.repository';

/** How many open invoices one unit of work sets timers for. */
export const OVERDUE_TIMER_PAGE_SIZE = 500;

/**
 * Sets the overdue timer of every open invoice never announced overdue, a page per unit of work,
 * and answers how many. Run at start: an invoice issued by a version of the service that scanned
 * for overdue invoices instead (before issue 9) has no timer, and would never be announced.
 * Setting a timer again only moves it to the same instant, and one that fires for an invoice
 * already paid or announced does nothing (AnnounceInvoiceOverdueHandler): running it on every start
 * is harmless.
 */
@Injectable()
export class SetOverdueTimersHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: InvoiceRepository,
    private readonly timers: Timers,
  ) {}

  async execute(): Promise<number> {
    let set = 0;
    let afterId: string | null = null;
    for (;;) {
      const page = await this.invoices.findOpenUnannounced(afterId, OVERDUE_TIMER_PAGE_SIZE);
      if (page.length === 0) return set;
      await this.unitOfWork.run(async () => {
        for (const invoice of page) {
          const fallsOverdueAt = invoice.fallsOverdueAt;
          if (fallsOverdueAt) await this.timers.schedule(INVOICE_OVERDUE_TIMER, invoice.id, fallsOverdueAt, { due_date: invoice.snapshot().dueDate });
        }
      });
      set += page.length;
      afterId = page[page.length - 1].id;
    }
  }
}
