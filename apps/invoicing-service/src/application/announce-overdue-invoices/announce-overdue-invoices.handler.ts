import { Inject, Injectable } from '@nestjs/common';
import { calendarDateOf, type Clock, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { invoiceCatalogueEvents } from '../events/invoice.events';
import { InvoiceRepository } from '../ports/invoice.repository';

const BATCH_SIZE = 100;

/**
 * Announces each open invoice past its due date once. Each batch is one unit of work: it locks its
 * invoices (skipping those another replica holds), marks them announced and writes invoice.overdue,
 * so two replicas scanning at the same time take different invoices and none is announced twice.
 */
@Injectable()
export class AnnounceOverdueInvoicesHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: InvoiceRepository,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  /** Returns how many invoices were announced. */
  async execute(): Promise<number> {
    let announced = 0;
    for (;;) {
      const batch = await this.unitOfWork.run(async () => {
        const now = this.clock.now();
        const overdue = await this.invoices.lockOverdueUnannounced(calendarDateOf(now), BATCH_SIZE);
        let announcedNow = 0;
        for (const invoice of overdue) {
          invoice.announceOverdue(now);
          const events = invoice.pullEvents();
          if (events.length === 0) continue;
          await this.invoices.save(invoice);
          await this.outbox.recordAll(invoiceCatalogueEvents(events, invoice.snapshot()));
          announcedNow += 1;
        }
        return { locked: overdue.length, announced: announcedNow };
      });
      announced += batch.announced;
      // A short batch means nothing is left; a full one where nothing changed would loop forever.
      if (batch.locked < BATCH_SIZE || batch.announced === 0) return announced;
    }
  }
}
