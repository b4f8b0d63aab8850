import type { EntityManager } from 'typeorm';

export interface InboxEntry {
  readonly consumerGroup: string;
  readonly eventId: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * Records that a consumer group applied an event, in the same transaction as the effect.
 * Returns false when the group has applied it before: the caller then skips the effect, so a
 * redelivered event changes nothing a second time.
 */
export async function recordInInbox(manager: EntityManager, schema: string, entry: InboxEntry): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO ${schema}.inbox (consumer_group, event_id, topic, kafka_partition, kafka_offset)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING event_id`,
    [entry.consumerGroup, entry.eventId, entry.topic, entry.partition, entry.offset],
  );
  return inserted.length === 1;
}

export type InboxAdmission = 'first_time' | 'duplicate' | 'key_blocked';

/**
 * recordInInbox for a message with a key, in the same round trip: unless the key is held back by
 * a dead letter of the group (`dead_lettered_keys`, read FOR SHARE so that a release lifting it
 * serialises with this transaction), when nothing is recorded and the caller parks the message.
 */
export async function admitToInbox(manager: EntityManager, schema: string, entry: InboxEntry & { readonly key: string }): Promise<InboxAdmission> {
  const [row] = (await manager.query(
    `WITH blocked AS (
       SELECT 1 FROM ${schema}.dead_lettered_keys WHERE consumer_group = $1 AND partition_key = $6 FOR SHARE
     ), recorded AS (
       INSERT INTO ${schema}.inbox (consumer_group, event_id, topic, kafka_partition, kafka_offset)
       SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM blocked)
       ON CONFLICT DO NOTHING RETURNING 1
     )
     SELECT EXISTS (SELECT 1 FROM blocked) AS blocked, EXISTS (SELECT 1 FROM recorded) AS recorded`,
    [entry.consumerGroup, entry.eventId, entry.topic, entry.partition, entry.offset, entry.key],
  )) as { blocked: boolean; recorded: boolean }[];
  if (row.blocked) return 'key_blocked';
  return row.recorded ? 'first_time' : 'duplicate';
}

/**
 * recordInInbox for consecutive deliveries of one partition in one statement: unless one of their
 * keys is held back by a dead letter of the group (read FOR SHARE, as in admitToInbox), when
 * nothing is recorded. Returns the event ids recorded for the first time.
 */
export async function recordAllInInboxUnlessKeysBlocked(
  manager: EntityManager,
  schema: string,
  batch: {
    readonly consumerGroup: string;
    readonly topic: string;
    readonly partition: number;
    readonly deliveries: readonly { readonly eventId: string; readonly offset: string; readonly key: string | undefined }[];
  },
): Promise<Set<string> | 'key_blocked'> {
  if (batch.deliveries.length === 0) return new Set();
  const keys = [...new Set(batch.deliveries.flatMap(({ key }) => (key === undefined ? [] : [key])))];
  const [row] = (await manager.query(
    `WITH blocked AS (
       SELECT 1 FROM ${schema}.dead_lettered_keys WHERE consumer_group = $1 AND partition_key = ANY($6::text[]) FOR SHARE
     ), recorded AS (
       INSERT INTO ${schema}.inbox (consumer_group, event_id, topic, kafka_partition, kafka_offset)
       SELECT $1, delivery.event_id, $3, $4, delivery.kafka_offset
         FROM unnest($2::text[], $5::bigint[]) AS delivery(event_id, kafka_offset)
        WHERE NOT EXISTS (SELECT 1 FROM blocked)
       ON CONFLICT DO NOTHING RETURNING event_id
     )
     SELECT EXISTS (SELECT 1 FROM blocked) AS blocked, COALESCE((SELECT array_agg(event_id) FROM recorded), '{}') AS recorded`,
    [
      batch.consumerGroup,
      batch.deliveries.map(({ eventId }) => eventId),
      batch.topic,
      batch.partition,
      batch.deliveries.map(({ offset }) => offset),
      keys,
    ],
  )) as { blocked: boolean; recorded: string[] }[];
  return row.blocked ? 'key_blocked' : new Set(row.recorded);
}
