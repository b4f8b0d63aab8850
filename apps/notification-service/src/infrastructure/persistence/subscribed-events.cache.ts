import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from '@mb/observability';
import { SERVICE_LOGGER } from '@mb/platform';

/** How often the set is read again, for subscriptions made or ended on other instances. */
export const SUBSCRIBED_EVENTS_REFRESH_MS = 5_000;

/**
 * The event types some active or paused webhook subscription names, held in memory so that the
 * webhook fan-out consumers can tell, from an event's type alone, that it has no delivery to plan
 * and skip its transaction (EventHandler.ignores). It errs towards "subscribed": unknown until
 * first read, widened at once when this instance adds or changes a subscription (after commit),
 * narrowed only by the periodic read. A subscription made on another instance is seen within
 * SUBSCRIBED_EVENTS_REFRESH_MS; events that instance's consumers handle in between get no delivery
 * for it, as events consumed before a subscription exists never do.
 */
@Injectable()
export class SubscribedEventsCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscribed: Set<string> | null = null;
  /** Events widened in while a read was in flight: the read's answer may predate them. */
  private widenedDuringRead: string[] | null = null;
  private refreshing: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.refreshing = setInterval(() => void this.refresh(), SUBSCRIBED_EVENTS_REFRESH_MS);
    this.refreshing.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.refreshing);
  }

  /** False only when no active or paused subscription names the event, as last read. */
  mayBeSubscribed(eventName: string): boolean {
    return this.subscribed === null || this.subscribed.has(eventName);
  }

  /** A subscription naming these events was added or changed here (committed): count them subscribed now. */
  widen(eventNames: readonly string[]): void {
    for (const eventName of eventNames) this.subscribed?.add(eventName);
    this.widenedDuringRead?.push(...eventNames);
  }

  async refresh(): Promise<void> {
    this.widenedDuringRead = [];
    try {
      const rows: { event_name: string }[] = await this.dataSource.query(
        `SELECT DISTINCT unnest(events) AS event_name FROM notification.webhook_subscriptions WHERE status IN ('active', 'paused')`,
      );
      this.subscribed = new Set([...rows.map((row) => row.event_name), ...this.widenedDuringRead]);
    } catch (error) {
      // Unread, every event is treated as subscribed: a transaction too many, never a delivery too few.
      this.subscribed = null;
      this.logger.warn({ err: error }, 'subscribed webhook events not read; no event is skipped until they are');
    } finally {
      this.widenedDuringRead = null;
    }
  }
}
