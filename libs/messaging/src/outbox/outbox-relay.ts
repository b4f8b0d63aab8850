import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { SpanKind } from '@opentelemetry/api';
import type { Logger } from '@mb/observability';
import { MESSAGING_SPAN_ATTRIBUTES as SPAN, messagingTracer, recordSpanFailure } from '../tracing/messaging-spans';
import { remoteContextOf } from '../tracing/traceparent';
import { outboxChannel } from './outbox-writer';
import { kafkaRefusalOf } from './kafka-refusal';

export interface OutboxRelayOptions {
  readonly schema: string;
  readonly dataSource: DataSource;
  /** For the leader's LISTEN session. */
  readonly databaseUrl: string;
  readonly kafka: Kafka;
  readonly logger: Logger;
  /** At most this many rows per send. */
  readonly batchSize?: number;
  /**
   * At most this many bytes per send (payload, key and headers), under the broker's request and
   * record-batch limits (1 MiB by default). A single larger row is sent alone, and quarantined if
   * the broker refuses it.
   */
  readonly maxBatchBytes?: number;
  /** How often to look without a notification: the safety net for a missed NOTIFY. */
  readonly pollIntervalMs?: number;
  /** How long leadership lasts unless renewed; a frozen leader is replaced after this. */
  readonly leaseMs?: number;
}

interface PendingRow {
  position: string;
  event_id: string;
  topic: string;
  partition_key: string;
  payload: string;
  headers: Record<string, string>;
}

/** Leadership as granted by the lease row: the token fences everything the leader writes. */
interface Lease {
  readonly fencingToken: string;
}

/** Record overhead besides key, value and headers (offset delta, lengths, attributes): generous. */
const RECORD_OVERHEAD_BYTES = 64;

/**
 * Publishes committed outbox rows to Kafka in position (= commit) order, in batches bounded by
 * rows and bytes, with an idempotent producer (acks=all), then marks them published. A crash
 * between the send and the mark publishes those rows again on restart; consumers' inboxes make
 * that harmless.
 *
 * A row Kafka refuses for good (too large, unknown topic, invalid record) is quarantined with its
 * error, found by splitting the refused batch; later rows of the same topic and key wait behind it
 * (so nothing overtakes it) until an operator replays or discards it, and everything else flows.
 *
 * One relay per schema publishes at a time: two relays sending interleaved batches could reorder a
 * key's events. Leadership is a lease row renewed before each batch and every leaseMs / 3 by a
 * timer (the keepalive); a leader that stops renewing (crashed, frozen, partitioned away) loses it after leaseMs and
 * a standby takes over with a new fencing token, terminating the old leader's LISTEN session. The
 * statement that marks rows published checks the token, so a stale leader that wakes up cannot
 * mark rows; what it may still send is a duplicate of rows already published in order, which
 * consumers' inboxes drop.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly maxBatchBytes: number;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  /** Names this relay in the lease row: host, process and a random part for several per process. */
  private readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private producer: Producer | undefined;
  private session: Client | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** A NOTIFY arrived while the relay was busy: look again at once instead of sleeping. */
  private notified = false;
  private lease: Lease | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private renewing: Promise<boolean> | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.maxBatchBytes = options.maxBatchBytes ?? 900 * 1024;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 15_000;
  }

  /** This instance holds the schema's relay lease, as far as it knows. */
  get isLeader(): boolean {
    return this.lease !== undefined;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.producer = this.options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Java clients' partitioner, so any client maps a contract id to the same partition.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.producer.connect();
    this.running = true;
    // The keepalive: a send that takes long (kafkajs retrying a metadata refresh) keeps the lease,
    // a frozen or dead process does not.
    this.heartbeat = setInterval(() => {
      if (this.lease) void this.renewLease().catch((error: unknown) => this.options.logger.warn({ err: error }, 'outbox relay could not renew its lease'));
    }, this.leaseMs / 3);
    this.loop = this.run();
  }

  /** Stops after publishing everything already committed (bounded by drainTimeoutMs). */
  async stop(drainTimeoutMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    clearInterval(this.heartbeat);
    // Stopped before it ever looked: it may still take the lease now, to drain.
    if (!this.lease) await this.becomeLeader().catch(() => undefined);
    if (this.lease) {
      const deadline = Date.now() + drainTimeoutMs;
      try {
        while (Date.now() < deadline && (await this.publishBatch()) > 0) {
          // keep draining
        }
      } catch (error) {
        this.options.logger.warn({ err: error }, 'outbox drain stopped early; the rest is published on restart');
      }
      await this.releaseLease().catch(() => undefined);
    }
    await this.closeSession();
    await this.producer?.disconnect();
    this.producer = undefined;
  }

  /**
   * Publishes one batch of pending rows if this relay still holds the lease; returns how many rows
   * it dealt with (published or quarantined).
   */
  async publishBatch(): Promise<number> {
    this.notified = false;
    if (!(await this.renewLease())) return 0;
    const rows = await this.readBatch();
    if (rows.length === 0) return 0;
    const sent = await this.sendSplittingRefusals(rows);
    if (sent.length > 0) await this.markPublished(sent);
    return rows.length;
  }

  /** Rows committed but not yet published: the backlog operators watch. */
  async pendingCount(): Promise<number> {
    const [row] = await this.options.dataSource.query(`SELECT count(*)::int AS pending FROM ${this.options.schema}.outbox WHERE published_at IS NULL`);
    return row.pending;
  }

  /**
   * The oldest committed rows in position order, up to batchSize rows and maxBatchBytes bytes (at
   * least one row), skipping quarantined rows and the later rows of their topic and key.
   */
  private readBatch(): Promise<PendingRow[]> {
    const { schema, dataSource } = this.options;
    return dataSource.query(
      // The LIMIT applies before the running sum, so a long backlog costs one batch's sizes, not all.
      `WITH next_rows AS (
         SELECT o.position, octet_length(o.payload) + octet_length(o.partition_key) + octet_length(o.headers::text) + ${RECORD_OVERHEAD_BYTES} AS bytes
           FROM ${schema}.outbox o
          WHERE o.published_at IS NULL AND o.quarantined_at IS NULL AND o.position IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM ${schema}.outbox q
                             WHERE q.published_at IS NULL AND q.quarantined_at IS NOT NULL
                               AND q.topic = o.topic AND q.partition_key = o.partition_key AND q.position < o.position)
          ORDER BY o.position LIMIT $1),
       candidates AS (SELECT position, sum(bytes) OVER (ORDER BY position) AS running_bytes FROM next_rows)
       SELECT o.position, o.event_id, o.topic, o.partition_key, o.payload, o.headers
         FROM ${schema}.outbox o JOIN candidates c ON c.position = o.position
        WHERE c.running_bytes <= $2 OR c.position = (SELECT min(position) FROM candidates)
        ORDER BY o.position`,
      [this.batchSize, this.maxBatchBytes],
    );
  }

  /**
   * Sends the rows; when Kafka refuses the batch for good, splits it to find the rows it refuses,
   * quarantines them, and sends the rest, leaving out rows queued behind a quarantined key.
   * Returns the rows Kafka accepted.
   */
  private async sendSplittingRefusals(rows: readonly PendingRow[]): Promise<PendingRow[]> {
    try {
      await this.send(rows);
      return [...rows];
    } catch (error) {
      const refusal = kafkaRefusalOf(error);
      if (!refusal) throw error;
      const topics = new Set(rows.map((row) => row.topic));
      // An unknown topic refuses every row of it alike: no need to find them one by one.
      if (rows.length === 1 || (refusal.wholeTopic && topics.size === 1)) {
        await this.quarantine(rows, refusal.description);
        return [];
      }
      const [first, second] = topics.size > 1 ? splitByFirstTopic(rows) : [rows.slice(0, rows.length / 2), rows.slice(rows.length / 2)];
      const sent = await this.sendSplittingRefusals(first);
      const sentIds = new Set(sent.map((row) => row.event_id));
      const held = new Set(first.filter((row) => !sentIds.has(row.event_id)).map(keyOf));
      const rest = second.filter((row) => !held.has(keyOf(row)));
      return [...sent, ...(rest.length > 0 ? await this.sendSplittingRefusals(rest) : [])];
    }
  }

  private async send(rows: readonly PendingRow[]): Promise<void> {
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const row of rows) {
      const messages = byTopic.get(row.topic) ?? [];
      messages.push({ key: row.partition_key, value: row.payload, headers: row.headers });
      byTopic.set(row.topic, messages);
    }
    // One PRODUCER span per event, in the trace its stored traceparent names. The message keeps
    // that stored header, not the send span's: consumers continue from the work that produced the
    // event, as they would with tracing off.
    const sendSpans = rows.map((row) =>
      messagingTracer().startSpan(
        `send ${row.topic}`,
        {
          kind: SpanKind.PRODUCER,
          attributes: {
            [SPAN.system]: 'kafka',
            [SPAN.operationType]: 'send',
            [SPAN.operationName]: 'send',
            [SPAN.destination]: row.topic,
            [SPAN.messageId]: row.event_id,
            [SPAN.kafkaMessageKey]: row.partition_key,
          },
        },
        remoteContextOf(row.headers.traceparent),
      ),
    );
    try {
      await this.requireProducer().sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    } catch (error) {
      for (const span of sendSpans) recordSpanFailure(span, error);
      throw error;
    } finally {
      for (const span of sendSpans) span.end();
    }
  }

  /** Marks rows published, in one statement that first checks this relay still holds the lease. */
  private async markPublished(rows: readonly PendingRow[]): Promise<void> {
    const marked = await this.fencedUpdate('published_at = clock_timestamp()', rows);
    if (!marked) this.options.logger.warn({ schema: this.options.schema, rows: rows.length }, 'outbox relay lost its lease before marking a batch; the new leader publishes it');
  }

  private async quarantine(rows: readonly PendingRow[], error: string): Promise<void> {
    const quarantined = await this.fencedUpdate('quarantined_at = clock_timestamp(), quarantine_error = $4', rows, [error]);
    if (quarantined) {
      this.options.logger.error(
        { schema: this.options.schema, eventIds: rows.map((row) => row.event_id), topic: rows[0].topic, error },
        'outbox row refused by Kafka; quarantined, later events of its key wait behind it',
      );
    }
  }

  /**
   * Runs an UPDATE of outbox rows only if this relay's lease is still valid, in one statement: the
   * lease row is share-locked for its duration, so a takeover waits for it or it sees the new token
   * and changes nothing. Returns false when the lease was lost (and steps down).
   */
  private async fencedUpdate(assignments: string, rows: readonly PendingRow[], parameters: unknown[] = []): Promise<boolean> {
    const lease = this.lease;
    if (!lease) return false;
    const { schema } = this.options;
    const [{ fenced }] = (await this.options.dataSource.query(
      `WITH lease AS (
         SELECT 1 FROM ${schema}.outbox_relay_lease
          WHERE holder = $1 AND fencing_token = $2 AND expires_at > clock_timestamp() FOR SHARE),
       changed AS (
         UPDATE ${schema}.outbox SET ${assignments}
          WHERE position = ANY($3::bigint[]) AND EXISTS (SELECT 1 FROM lease) RETURNING 1)
       SELECT NOT EXISTS (SELECT 1 FROM lease) AS fenced`,
      [this.holder, lease.fencingToken, rows.map((row) => row.position), ...parameters],
    )) as { fenced: boolean }[];
    if (fenced) await this.stepDown('lease lost');
    return !fenced;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        if (!this.lease) {
          await this.becomeLeader();
          if (!this.lease) {
            await this.sleep(Math.min(2000, this.leaseMs / 3));
            continue;
          }
        }
        const count = await this.publishBatch();
        failures = 0;
        if (count < this.batchSize) await this.sleep(Math.min(this.pollIntervalMs, this.leaseMs / 3));
      } catch (error) {
        failures += 1;
        const backoff = Math.min(100 * 2 ** failures, 5000, this.leaseMs / 3);
        this.options.logger.warn({ err: error, backoffMs: backoff }, 'outbox relay failed; retrying');
        await this.sleep(backoff);
      }
    }
  }

  /**
   * Takes the lease if it is free, expired, or already ours; then terminates the previous
   * leader's LISTEN session (if it still has one, it is frozen or cut off) and listens itself.
   */
  private async becomeLeader(): Promise<void> {
    const { schema, dataSource, logger } = this.options;
    const taken = returnedRows<{ token: string; previous_holder: string | null; previous_listener: number | null }>(await dataSource.query(
      `UPDATE ${schema}.outbox_relay_lease l
          SET holder = $1, fencing_token = l.fencing_token + 1, listener_pid = NULL,
              expires_at = clock_timestamp() + $2 * interval '1 millisecond'
         FROM (SELECT holder AS previous_holder, listener_pid AS previous_listener FROM ${schema}.outbox_relay_lease) previous
        WHERE l.expires_at <= clock_timestamp() OR l.holder = $1
        RETURNING l.fencing_token::text AS token, previous.previous_holder, previous.previous_listener`,
      [this.holder, this.leaseMs],
    ));
    if (taken.length === 0) return;
    const [{ token, previous_holder: previousHolder, previous_listener: previousListener }] = taken;
    if (previousListener !== null && previousHolder !== this.holder) {
      await dataSource
        .query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = $1 AND application_name = $2`, [previousListener, this.applicationName()])
        .catch((error: unknown) => logger.warn({ err: error }, 'could not terminate the previous outbox relay session'));
    }
    this.lease = { fencingToken: token };
    try {
      await this.listen(token);
    } catch (error) {
      // Without notifications it still publishes, on the poll.
      logger.warn({ err: error }, 'outbox relay could not LISTEN; polling only');
    }
    logger.info({ schema, fencingToken: token, previousHolder }, 'outbox relay is publishing');
  }

  private async listen(token: string): Promise<void> {
    const session = new Client({ connectionString: this.options.databaseUrl, application_name: this.applicationName() });
    session.on('error', (error) => {
      // Notifications went with the session (or a new leader terminated it): the lease says
      // whether this relay still leads, at the next renewal.
      this.options.logger.warn({ err: error }, 'outbox relay session lost');
      if (this.session === session) this.session = undefined;
      this.wake?.();
    });
    await session.connect();
    session.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    await session.query(`LISTEN ${outboxChannel(this.options.schema)}`);
    const [{ pid }] = (await session.query('SELECT pg_backend_pid() AS pid')).rows as { pid: number }[];
    await this.options.dataSource.query(`UPDATE ${this.options.schema}.outbox_relay_lease SET listener_pid = $1 WHERE holder = $2 AND fencing_token = $3`, [
      pid,
      this.holder,
      token,
    ]);
    await this.closeSession();
    this.session = session;
  }

  /** Extends the lease if this relay still holds it; steps down (and returns false) if not. */
  private renewLease(): Promise<boolean> {
    this.renewing ??= this.renewLeaseOnce().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async renewLeaseOnce(): Promise<boolean> {
    const lease = this.lease;
    if (!lease) return false;
    const renewed = returnedRows(await this.options.dataSource.query(
      `UPDATE ${this.options.schema}.outbox_relay_lease SET expires_at = clock_timestamp() + $3 * interval '1 millisecond'
        WHERE holder = $1 AND fencing_token = $2 AND expires_at > clock_timestamp() RETURNING 1`,
      [this.holder, lease.fencingToken, this.leaseMs],
    ));
    if (renewed.length === 0) {
      await this.stepDown('lease expired or taken over');
      return false;
    }
    if (!this.session) await this.listen(lease.fencingToken).catch(() => undefined);
    return true;
  }

  /** Hands the lease over at once, so a standby need not wait for it to expire. */
  private async releaseLease(): Promise<void> {
    const lease = this.lease;
    this.lease = undefined;
    if (!lease) return;
    await this.options.dataSource.query(
      `UPDATE ${this.options.schema}.outbox_relay_lease SET expires_at = '-infinity', listener_pid = NULL WHERE holder = $1 AND fencing_token = $2`,
      [this.holder, lease.fencingToken],
    );
  }

  private async stepDown(reason: string): Promise<void> {
    if (!this.lease) return;
    this.lease = undefined;
    this.options.logger.warn({ schema: this.options.schema, reason }, 'outbox relay stopped publishing');
    await this.closeSession();
  }

  private async closeSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.end().catch(() => undefined);
  }

  private applicationName(): string {
    return `outbox-relay:${this.options.schema}`;
  }

  private sleep(ms: number): Promise<void> {
    if (this.notified && this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private requireProducer(): Producer {
    if (!this.producer) throw new Error('outbox relay is not started');
    return this.producer;
  }
}

/** The unit Kafka keeps in order, and the unit a quarantined row holds back. */
function keyOf(row: PendingRow): string {
  return JSON.stringify([row.topic, row.partition_key]);
}

function splitByFirstTopic(rows: readonly PendingRow[]): [PendingRow[], PendingRow[]] {
  const topic = rows[0].topic;
  return [rows.filter((row) => row.topic === topic), rows.filter((row) => row.topic !== topic)];
}

/** The rows an UPDATE … RETURNING gave back: TypeORM answers [rows, count] for an UPDATE. */
function returnedRows<T = unknown>(result: unknown): T[] {
  return (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result) as T[];
}
