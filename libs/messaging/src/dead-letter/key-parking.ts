/**
 * Per-key order past a dead letter. When a consumer group dead-letters a message with a key (the
 * contract id), the key is *blocked* for that group (`<schema>.dead_lettered_keys`); the group's
 * later messages of that key are *parked* (`<schema>.parked_events`, in arrival order) instead of
 * applied, until the dead letter is replayed or discarded. Then the parked messages are applied in
 * order and the block is lifted. These are small SQL functions over the service's own connection:
 * every write joins the transaction it is given.
 */

/** What runs SQL: a DataSource, or an EntityManager inside a transaction. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** A delivery of a Kafka message, with what is needed to apply it later. */
export interface Delivery {
  readonly consumerGroup: string;
  readonly key: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** The event's id when the message is a valid event; invalid ones are parked too, in their place. */
  readonly eventId: string | undefined;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
}

export interface BlockedKey {
  readonly consumerGroup: string;
  readonly key: string;
  /** `topic/partition/offset` of the dead-lettered delivery. */
  readonly deadLetterSource: string;
  readonly eventId: string | null;
  readonly reason: string;
  readonly deadLetteredAt: Date;
}

export interface ParkedEvent {
  readonly sequence: string;
  readonly consumerGroup: string;
  readonly key: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly eventId: string | null;
  readonly value: Buffer | null;
  readonly headers: Record<string, string>;
  readonly parkedAt: Date;
}

/**
 * Parks the delivery if its key is blocked for its group, and says whether it is. The block row is
 * read FOR SHARE: a release lifting the block (FOR UPDATE) waits for this park to commit and then
 * sees the parked row, or this read waits for the release and then finds no block.
 */
export async function parkIfKeyBlocked(runner: SqlRunner, schema: string, delivery: Delivery): Promise<boolean> {
  const rows = (await runner.query(
    `WITH blocked AS (
       SELECT 1 FROM ${schema}.dead_lettered_keys WHERE consumer_group = $1 AND partition_key = $2 FOR SHARE
     ), parked AS (
       INSERT INTO ${schema}.parked_events (consumer_group, partition_key, topic, kafka_partition, kafka_offset, event_id, message_value, headers)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE EXISTS (SELECT 1 FROM blocked)
       ON CONFLICT DO NOTHING RETURNING 1
     )
     SELECT EXISTS (SELECT 1 FROM blocked) AS blocked, EXISTS (SELECT 1 FROM parked) AS parked`,
    [
      delivery.consumerGroup,
      delivery.key,
      delivery.topic,
      delivery.partition,
      delivery.offset,
      delivery.eventId ?? null,
      delivery.value,
      JSON.stringify(delivery.headers),
    ],
  )) as { blocked: boolean }[];
  return rows[0].blocked;
}

/**
 * Blocks the key of a dead-lettered delivery. A key already blocked keeps its block (the earlier
 * dead letter still comes first) unless `replacing`: during a release the parked event that fails
 * in its turn becomes the key's new block.
 */
export async function blockKey(runner: SqlRunner, schema: string, delivery: Delivery, reason: string, replacing: boolean): Promise<void> {
  await runner.query(
    `INSERT INTO ${schema}.dead_lettered_keys (consumer_group, partition_key, dead_letter_source, event_id, reason)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (consumer_group, partition_key) DO ${
       replacing
         ? `UPDATE SET dead_letter_source = EXCLUDED.dead_letter_source, event_id = EXCLUDED.event_id, reason = EXCLUDED.reason,
            dead_lettered_at = EXCLUDED.dead_lettered_at`
         : 'NOTHING'
     }`,
    [delivery.consumerGroup, delivery.key, `${delivery.topic}/${delivery.partition}/${delivery.offset}`, delivery.eventId ?? null, reason],
  );
}

export async function blockedKeyOf(runner: SqlRunner, schema: string, consumerGroup: string, key: string): Promise<BlockedKey | undefined> {
  const [row] = await listBlockedKeys(runner, schema, { consumerGroup, key });
  return row;
}

/** The parked deliveries of a key, oldest first. */
export async function parkedEventsOf(runner: SqlRunner, schema: string, consumerGroup: string, key: string, limit: number): Promise<ParkedEvent[]> {
  return listParkedEvents(runner, schema, { consumerGroup, key, limit });
}

export async function unpark(runner: SqlRunner, schema: string, sequence: string): Promise<void> {
  await runner.query(`DELETE FROM ${schema}.parked_events WHERE seq = $1`, [sequence]);
}

/**
 * Lifts the key's block if nothing is parked behind it any more, in one transaction (the runner
 * must be one): false when a delivery was parked meanwhile, which the caller applies first.
 */
export async function unblockKeyIfNothingParked(runner: SqlRunner, schema: string, consumerGroup: string, key: string): Promise<boolean> {
  await runner.query(`SELECT 1 FROM ${schema}.dead_lettered_keys WHERE consumer_group = $1 AND partition_key = $2 FOR UPDATE`, [consumerGroup, key]);
  const parked = (await runner.query(`SELECT 1 FROM ${schema}.parked_events WHERE consumer_group = $1 AND partition_key = $2 LIMIT 1`, [
    consumerGroup,
    key,
  ])) as unknown[];
  if (parked.length > 0) return false;
  await runner.query(`DELETE FROM ${schema}.dead_lettered_keys WHERE consumer_group = $1 AND partition_key = $2`, [consumerGroup, key]);
  return true;
}

/** The keys held back by a dead letter, for an operator. */
export async function listBlockedKeys(runner: SqlRunner, schema: string, filter: { consumerGroup?: string; key?: string } = {}): Promise<BlockedKey[]> {
  const rows = (await runner.query(
    `SELECT consumer_group, partition_key, dead_letter_source, event_id, reason, dead_lettered_at
       FROM ${schema}.dead_lettered_keys
      WHERE ($1::text IS NULL OR consumer_group = $1) AND ($2::text IS NULL OR partition_key = $2)
      ORDER BY dead_lettered_at`,
    [filter.consumerGroup ?? null, filter.key ?? null],
  )) as { consumer_group: string; partition_key: string; dead_letter_source: string; event_id: string | null; reason: string; dead_lettered_at: Date }[];
  return rows.map((row) => ({
    consumerGroup: row.consumer_group,
    key: row.partition_key,
    deadLetterSource: row.dead_letter_source,
    eventId: row.event_id,
    reason: row.reason,
    deadLetteredAt: row.dead_lettered_at,
  }));
}

/** Parked deliveries, for an operator (and for a release, one key's at a time), oldest first. */
export async function listParkedEvents(
  runner: SqlRunner,
  schema: string,
  filter: { consumerGroup?: string; key?: string; limit?: number } = {},
): Promise<ParkedEvent[]> {
  const rows = (await runner.query(
    `SELECT seq, consumer_group, partition_key, topic, kafka_partition, kafka_offset, event_id, message_value, headers, parked_at
       FROM ${schema}.parked_events
      WHERE ($1::text IS NULL OR consumer_group = $1) AND ($2::text IS NULL OR partition_key = $2)
      ORDER BY seq LIMIT $3`,
    [filter.consumerGroup ?? null, filter.key ?? null, filter.limit ?? 1000],
  )) as {
    seq: string;
    consumer_group: string;
    partition_key: string;
    topic: string;
    kafka_partition: number;
    kafka_offset: string;
    event_id: string | null;
    message_value: Buffer | null;
    headers: Record<string, string>;
    parked_at: Date;
  }[];
  return rows.map((row) => ({
    sequence: String(row.seq),
    consumerGroup: row.consumer_group,
    key: row.partition_key,
    topic: row.topic,
    partition: row.kafka_partition,
    offset: String(row.kafka_offset),
    eventId: row.event_id,
    value: row.message_value,
    headers: row.headers,
    parkedAt: row.parked_at,
  }));
}

/** How many deliveries each consumer group has parked; groups with none are absent. */
export async function countParkedEvents(runner: SqlRunner, schema: string): Promise<Map<string, number>> {
  const rows = (await runner.query(`SELECT consumer_group, count(*)::int AS parked FROM ${schema}.parked_events GROUP BY consumer_group`)) as {
    consumer_group: string;
    parked: number;
  }[];
  return new Map(rows.map((row) => [row.consumer_group, row.parked]));
}
