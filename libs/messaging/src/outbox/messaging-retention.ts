import type { DataSource } from 'typeorm';

/** How long the messaging tables keep what they no longer need for exactly-once. */
export interface MessagingRetention {
  /** Published outbox rows: kept a while only to answer "was it sent, when?". */
  readonly publishedOutboxDays: number;
  /**
   * Inbox rows: must outlast the topics' retention (30 days), or a consumer group reset to the
   * earliest offset would apply again an event whose inbox row is gone.
   */
  readonly inboxDays: number;
  /** Rows per DELETE: short transactions that never hold many row locks. */
  readonly batchSize: number;
}

export const DEFAULT_MESSAGING_RETENTION: MessagingRetention = { publishedOutboxDays: 7, inboxDays: 35, batchSize: 1000 };

export interface MessagingPurgeResult {
  readonly outboxRowsDeleted: number;
  readonly inboxRowsDeleted: number;
}

/**
 * Deletes published outbox rows and inbox rows past their retention, in batches, each its own
 * transaction, until none is left (or maxBatches ran). `SKIP LOCKED`: a row another transaction
 * holds is left for the next run rather than waited for. Unpublished and quarantined rows are
 * never deleted; nor is a discarded row before its retention (it keeps the refusal on record).
 */
export async function purgeMessagingTables(
  dataSource: DataSource,
  schema: string,
  retention: MessagingRetention = DEFAULT_MESSAGING_RETENTION,
  maxBatches = 1000,
): Promise<MessagingPurgeResult> {
  const deleteInBatches = async (statement: string, days: number) => {
    let total = 0;
    for (let batch = 0; batch < maxBatches; batch += 1) {
      const [, deleted] = (await dataSource.query(statement, [days, retention.batchSize])) as [unknown, number];
      total += deleted;
      if (deleted < retention.batchSize) break;
    }
    return total;
  };
  const outboxRowsDeleted = await deleteInBatches(
    `DELETE FROM ${schema}.outbox WHERE event_id IN (
       SELECT event_id FROM ${schema}.outbox
        WHERE published_at IS NOT NULL AND published_at < clock_timestamp() - $1 * interval '1 day'
        LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    retention.publishedOutboxDays,
  );
  const inboxRowsDeleted = await deleteInBatches(
    `DELETE FROM ${schema}.inbox WHERE (consumer_group, event_id) IN (
       SELECT consumer_group, event_id FROM ${schema}.inbox
        WHERE processed_at < clock_timestamp() - $1 * interval '1 day'
        LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    retention.inboxDays,
  );
  return { outboxRowsDeleted, inboxRowsDeleted };
}
