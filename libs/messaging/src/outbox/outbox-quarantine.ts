import type { DataSource } from 'typeorm';
import { outboxChannel } from './outbox-writer';

/** An outbox row Kafka refused for good, set aside by the relay with the refusal. */
export interface QuarantinedOutboxRow {
  readonly eventId: string;
  readonly topic: string;
  readonly partitionKey: string;
  readonly bytes: number;
  readonly quarantinedAt: Date;
  readonly error: string;
  /** Later rows of the same topic and key, waiting behind this one. */
  readonly heldBehind: number;
}

export interface QuarantineSelection {
  readonly schema: string;
  /** Only this event; all quarantined rows of the schema when absent. */
  readonly eventId?: string;
}

/** The schema's quarantined rows, oldest first. */
export async function listQuarantinedOutboxRows(dataSource: DataSource, { schema, eventId }: QuarantineSelection): Promise<QuarantinedOutboxRow[]> {
  const rows = (await dataSource.query(
    `SELECT q.event_id, q.topic, q.partition_key, octet_length(q.payload) AS bytes, q.quarantined_at, q.quarantine_error,
            (SELECT count(*) FROM ${schema}.outbox h
              WHERE h.published_at IS NULL AND h.quarantined_at IS NULL AND h.topic = q.topic
                AND h.partition_key = q.partition_key AND h.position > q.position)::int AS held_behind
       FROM ${schema}.outbox q
      WHERE q.published_at IS NULL AND q.quarantined_at IS NOT NULL AND ($1::text IS NULL OR q.event_id = $1)
      ORDER BY q.position`,
    [eventId ?? null],
  )) as { event_id: string; topic: string; partition_key: string; bytes: number; quarantined_at: Date; quarantine_error: string; held_behind: number }[];
  return rows.map((row) => ({
    eventId: row.event_id,
    topic: row.topic,
    partitionKey: row.partition_key,
    bytes: row.bytes,
    quarantinedAt: row.quarantined_at,
    error: row.quarantine_error,
    heldBehind: row.held_behind,
  }));
}

/**
 * Puts quarantined rows back in line, once their cause is fixed (the topic created, the broker's
 * limit raised): the relay publishes them at their original position, before the rows of their
 * key that waited behind them. If Kafka still refuses one, it is quarantined again.
 */
export async function replayQuarantinedOutboxRows(dataSource: DataSource, selection: QuarantineSelection): Promise<string[]> {
  return changeQuarantined(dataSource, selection, 'quarantined_at = NULL, quarantine_error = NULL');
}

/**
 * Gives up on quarantined rows: they are marked published without being sent (quarantined_at and
 * the error stay, as the record of it), and the rows of their key that waited behind them flow.
 */
export async function discardQuarantinedOutboxRows(dataSource: DataSource, selection: QuarantineSelection): Promise<string[]> {
  return changeQuarantined(dataSource, selection, 'published_at = clock_timestamp()');
}

async function changeQuarantined(dataSource: DataSource, { schema, eventId }: QuarantineSelection, assignments: string): Promise<string[]> {
  return dataSource.transaction(async (manager) => {
    const changed = (await manager.query(
      `UPDATE ${schema}.outbox SET ${assignments}
        WHERE published_at IS NULL AND quarantined_at IS NOT NULL AND ($1::text IS NULL OR event_id = $1)
        RETURNING event_id`,
      [eventId ?? null],
    )) as [{ event_id: string }[], number];
    // TypeORM answers [rows, count] for an UPDATE.
    const [rows] = changed;
    // Wakes the relay now rather than at its next poll.
    await manager.query('SELECT pg_notify($1, $2)', [outboxChannel(schema), '']);
    return rows.map((row) => row.event_id);
  });
}
