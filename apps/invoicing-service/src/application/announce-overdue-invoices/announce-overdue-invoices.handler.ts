import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { calendarDateOf, type OffsetClock } from '@mb/kernel';
import { OutboxWriter } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { InvoiceRepository } from '../ports/invoicing.ports';
import { publishRecordedEvents } from '../publish-recorded-events';

const BATCH_SIZE = 100;

/**
 * Announces each open invoice past its due date once. Each batch locks its rows with SKIP LOCKED,
 * marks them announced and writes invoice.overdue in one transaction, so two replicas scanning at
 * the same time take different rows and an invoice is never announced twice.
 */
@Injectable()
export class AnnounceOverdueInvoices {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invoices: InvoiceRepository,
    private readonly outbox: OutboxWriter,
    @Inject(SERVICE_CLOCK) private readonly clock: OffsetClock,
  ) {}

  /** Returns how many invoices were announced. */
  async execute(): Promise<number> {
    let announced = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const now = this.clock.now();
        const overdue = await this.invoices.lockOverdueUnannounced(manager, calendarDateOf(now), BATCH_SIZE);
        let announcedNow = 0;
        for (const invoice of overdue) {
          invoice.announceOverdue(now);
          const events = invoice.pullEvents();
          if (events.length === 0) continue;
          await this.invoices.save(manager, invoice);
          await publishRecordedEvents(this.outbox, manager, events);
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
