import type { DataSource } from 'typeorm';

export interface OutboxBacklog {
  /** Events committed and not yet published. */
  readonly pendingEvents: number;
  /** How long the oldest of them has waited, by the database's clock; 0 when none waits. */
  readonly oldestPendingAgeSeconds: number;
  /** Of the pending events, those Kafka refused and the relay set aside (replay or discard them). */
  readonly quarantinedEvents: number;
}

/** How far the relay is behind, read from the outbox's partial index of unpublished rows. */
export async function readOutboxBacklog(dataSource: DataSource, schema: string): Promise<OutboxBacklog> {
  const [row] = (await dataSource.query(
    `SELECT count(*)::int AS pending,
            count(*) FILTER (WHERE quarantined_at IS NOT NULL)::int AS quarantined,
            coalesce(extract(epoch FROM clock_timestamp() - min(recorded_at)), 0)::float8 AS oldest_age
       FROM ${schema}.outbox WHERE published_at IS NULL`,
  )) as { pending: number; quarantined: number; oldest_age: number }[];
  return { pendingEvents: row.pending, oldestPendingAgeSeconds: Math.max(0, row.oldest_age), quarantinedEvents: row.quarantined };
}
