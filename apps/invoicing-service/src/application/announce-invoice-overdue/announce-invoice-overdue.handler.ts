import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { OverdueAnnouncement } from '../../domain/invoice/invoice';
import { InvoiceErrors } from '../../domain/invoice/invoice.errors';
import { invoiceCatalogueEvents } from '../events/invoice.events';
import { InvoiceRepository } from '../ports/invoice.repository';

/**
 * The timer each open invoice has, keyed by its id: set when it is issued, for when it falls overdue
 * (the day after its due date); cancelled when it is paid in full before then.
 */
export const INVOICE_OVERDUE_TIMER = 'invoicing.invoice_overdue';

export interface AnnounceInvoiceOverdueCommand {
  readonly invoiceId: string;
}

/**
 * An invoice's overdue timer has fired: the invoice is locked and, if it is still open with a
 * balance, past its due date by the service clock and never announced, invoice.overdue goes out
 * (days_overdue by that clock) with the announcement recorded on it. Otherwise nothing changes:
 * a paid invoice whose timer fired before its cancellation committed, or a timer firing twice.
 *
 * A timer that fires before the invoice is past due by the service clock (the database's clock a
 * little ahead of the service's) is not dropped but fails, so the timer fires again after its
 * retry delay: an invoice is never left unannounced because its timer came a moment early.
 */
@Injectable()
export class AnnounceInvoiceOverdueHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: InvoiceRepository,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: AnnounceInvoiceOverdueCommand): Promise<Exclude<OverdueAnnouncement, 'not_past_due'>> {
    return this.unitOfWork.run(async () => {
      const invoice = await this.invoices.findById(command.invoiceId, { forUpdate: true });
      // Invoices are never deleted: a timer for none is broken data, refused rather than retried.
      if (!invoice) throw InvoiceErrors.notFound(command.invoiceId);
      const now = this.clock.now();
      const outcome = invoice.announceOverdue(now);
      if (outcome === 'not_past_due') {
        throw new Error(`invoice ${command.invoiceId} is not past due yet at ${now.toISOString()} (falls overdue at ${invoice.fallsOverdueAt?.toISOString()}); fired early`);
      }
      if (outcome === 'announced') {
        await this.invoices.save(invoice);
        await this.outbox.recordAll(invoiceCatalogueEvents(invoice.pullEvents(), invoice.snapshot()));
      }
      return outcome;
    });
  }
}
