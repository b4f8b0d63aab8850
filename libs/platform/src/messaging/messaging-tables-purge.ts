import type { DataSource } from 'typeorm';
import type { Logger } from '@mb/observability';
import { DEFAULT_MESSAGING_RETENTION, purgeMessagingTables } from '@mb/messaging';
import type { TimerHandler } from '../timers/timer-handler';

/** The recurring timer every service runs: published outbox rows and old inbox rows go. */
export const MESSAGING_TABLES_PURGE_TIMER = 'platform.messaging_tables_purge';
/** Every 10 minutes (off the idempotency purge's minute 17), so each run has little to delete. */
export const MESSAGING_TABLES_PURGE_CRON = '3-59/10 * * * *';

/**
 * Deletes what the outbox and inbox no longer need (retention in DEFAULT_MESSAGING_RETENTION), in
 * small batches on the data source, each batch its own transaction rather than one transaction
 * held until the whole backlog is gone (as the portal's sign-in purge does).
 */
export function messagingTablesPurgeHandler(dataSource: DataSource, schema: string, logger: Logger): TimerHandler {
  return {
    timer: MESSAGING_TABLES_PURGE_TIMER,
    fire: async () => {
      const purged = await purgeMessagingTables(dataSource, schema, DEFAULT_MESSAGING_RETENTION);
      if (purged.outboxRowsDeleted + purged.inboxRowsDeleted > 0) logger.info({ schema, ...purged }, 'messaging tables purged');
    },
  };
}
