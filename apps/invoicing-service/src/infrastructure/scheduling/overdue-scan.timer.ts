import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@mb/observability';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@mb/platform';
import { AnnounceOverdueInvoicesHandler } from '../../application/announce-overdue-invoices/announce-overdue-invoices.handler';
import type { InvoicingServiceConfig } from '../../config';

/**
 * Runs the overdue scan every OVERDUE_SCAN_INTERVAL_MS. Every replica runs it; the scan's row
 * locks (SKIP LOCKED) make sure each invoice is announced by one of them, once. A scan never
 * overlaps the previous one in the same process.
 */
@Injectable()
export class OverdueScanTimer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly announceOverdue: AnnounceOverdueInvoicesHandler,
    @Inject(SERVICE_CONFIG) private readonly config: InvoicingServiceConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.scanOnce(), this.config.OVERDUE_SCAN_INTERVAL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One scan, unless one is still running. */
  async scanOnce(): Promise<void> {
    if (this.running) return;
    this.running = (async () => {
      try {
        const announced = await this.announceOverdue.execute();
        if (announced > 0) this.logger.info({ announced }, 'overdue invoices announced');
      } catch (error) {
        this.logger.error({ err: error }, 'overdue scan failed; the next one retries');
      }
    })();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }
}
