import { Injectable } from '@nestjs/common';
import type { FiredTimer, TimerHandler } from '@mb/platform';
import { AnnounceInvoiceOverdueHandler, INVOICE_OVERDUE_TIMER } from '../../application/announce-invoice-overdue/announce-invoice-overdue.handler';

/**
 * An invoice's overdue timer (keyed by the invoice id) has come due: the use case announces the
 * invoice overdue if it still is. It runs in the firing's unit of work, with the firing's inbox
 * record, so a timer that fires twice announces once.
 */
@Injectable()
export class InvoiceOverdueTimer implements TimerHandler {
  readonly timer = INVOICE_OVERDUE_TIMER;

  constructor(private readonly announceOverdue: AnnounceInvoiceOverdueHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.announceOverdue.execute({ invoiceId: fired.key });
  }
}
