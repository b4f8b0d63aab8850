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
