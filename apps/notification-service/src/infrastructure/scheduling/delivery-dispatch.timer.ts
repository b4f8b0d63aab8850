import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@mb/platform';
import type { Logger } from '@mb/observability';
import type { NotificationServiceConfig } from '../../config';
import { DispatchDeliveriesHandler } from '../../application/dispatch-deliveries/dispatch-deliveries.handler';

/** Dispatches the due deliveries every DELIVERY_POLL_INTERVAL_MS from bootstrap until shutdown (finishing the pass in hand). */
@Injectable()
export class DeliveryDispatchTimer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly dispatchDeliveries: DispatchDeliveriesHandler,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationServiceConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pass().finally(() => {
        this.running = undefined;
      });
    }, delayMs);
  }

  private async pass(): Promise<void> {
    let attempted = 0;
    try {
      attempted = await this.dispatchDeliveries.execute();
    } catch (error) {
      this.logger.error({ err: error }, 'delivery dispatch failed');
    }
    // A pass that found work may have left more due: go again at once.
    this.schedule(attempted > 0 ? 0 : this.config.DELIVERY_POLL_INTERVAL_MS);
  }
}
