import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@mb/observability';
import { type FiredTimer, SERVICE_LOGGER, type TimerHandler } from '@mb/platform';
import { AnnounceInvoiceOverdueHandler, INVOICE_OVERDUE_TIMER } from '../../application/announce-invoice-overdue/announce-invoice-overdue.handler';
import { SetOverdueTimersHandler } from '../../application/set-overdue-timers/set-overdue-timers.handler';

/**
 * An invoice's overdue timer (keyed by the invoice id) has come due: the use case announces the
 * invoice overdue if it still is. It runs in the firing's unit of work, with the firing's inbox
 * record, so a timer that fires twice announces once. At start, every open invoice's timer is set
 * (again), for invoices issued before invoices had timers.
 */
@Injectable()
export class InvoiceOverdueTimer implements TimerHandler, OnApplicationBootstrap {
  readonly timer = INVOICE_OVERDUE_TIMER;

  constructor(
    private readonly announceOverdue: AnnounceInvoiceOverdueHandler,
    private readonly setOverdueTimers: SetOverdueTimersHandler,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.announceOverdue.execute({ invoiceId: fired.key });
  }

  async onApplicationBootstrap(): Promise<void> {
    const open = await this.setOverdueTimers.execute();
    this.logger.info({ timer: this.timer, open }, 'timers set for the open invoices');
  }
}
