import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { SpanKind } from '@opentelemetry/api';
import type { Logger } from '@mb/observability';
import { MESSAGING_SPAN_ATTRIBUTES as SPAN, messagingTracer, recordSpanFailure } from '../tracing/messaging-spans';
import { remoteContextOf } from '../tracing/traceparent';
import { outboxChannel } from './outbox-writer';

export interface OutboxRelayOptions {
  readonly schema: string;
  readonly dataSource: DataSource;
  /** For the relay's own session: LISTEN and the leadership lock live on one connection. */
  readonly databaseUrl: string;
  readonly kafka: Kafka;
  readonly logger: Logger;
  readonly batchSize?: number;
  /** How often to look without a notification: the safety net for a missed NOTIFY. */
  readonly pollIntervalMs?: number;
}

interface PendingRow {
  position: string;
  event_id: string;
  topic: string;
  partition_key: string;
  payload: string;
  headers: Record<string, string>;
}

/**
 * Publishes committed outbox rows to Kafka in position order, in batches, with an idempotent
 * producer (acks=all), then marks them published. A crash between the send and the mark publishes
 * those rows again on restart; consumers' inboxes make that harmless.
 *
 * One relay per schema publishes at a time (a session advisory lock): two relays sending
 * interleaved batches could reorder a key's events. Others wait as standbys and take over when
 * the leader's session ends.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private producer: Producer | undefined;
  private session: Client | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** A NOTIFY arrived while the relay was busy: look again at once instead of sleeping. */
  private notified = false;
  private leader = false;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
  }

  get isLeader(): boolean {
    return this.leader;
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
    this.loop = this.run();
  }

  /** Stops after publishing everything already committed (bounded by drainTimeoutMs). */
  async stop(drainTimeoutMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    // Stopped before it ever looked: it may still take the lock now, to drain.
    if (!this.leader) await this.becomeLeader().catch(() => undefined);
    if (this.leader) {
      const deadline = Date.now() + drainTimeoutMs;
      try {
        while (Date.now() < deadline && (await this.publishBatch()) > 0) {
          // keep draining
        }
      } catch (error) {
        this.options.logger.warn({ err: error }, 'outbox drain stopped early; the rest is published on restart');
      }
    }
    await this.closeSession();
    await this.producer?.disconnect();
    this.producer = undefined;
  }

  /** Publishes one batch of pending rows; returns how many. */
  async publishBatch(): Promise<number> {
    const { schema, dataSource } = this.options;
    this.notified = false;
    const rows: PendingRow[] = await dataSource.query(
      `SELECT position, event_id, topic, partition_key, payload, headers FROM ${schema}.outbox
        WHERE published_at IS NULL ORDER BY position LIMIT $1`,
      [this.batchSize],
    );
    if (rows.length === 0) return 0;
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
    await dataSource.query(`UPDATE ${schema}.outbox SET published_at = clock_timestamp() WHERE position = ANY($1::bigint[])`, [
      rows.map((row) => row.position),
    ]);
    return rows.length;
  }

  /** Rows committed but not yet published: the backlog operators watch. */
  async pendingCount(): Promise<number> {
    const [row] = await this.options.dataSource.query(`SELECT count(*)::int AS pending FROM ${this.options.schema}.outbox WHERE published_at IS NULL`);
    return row.pending;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        if (!this.leader) {
          await this.becomeLeader();
          if (!this.leader) {
            await this.sleep(2000);
            continue;
          }
        }
        const count = await this.publishBatch();
        failures = 0;
        if (count < this.batchSize) await this.sleep(this.pollIntervalMs);
      } catch (error) {
        failures += 1;
        const backoff = Math.min(100 * 2 ** failures, 5000);
        this.options.logger.warn({ err: error, backoffMs: backoff }, 'outbox relay failed; retrying');
        if (this.session === undefined) this.leader = false;
        await this.sleep(backoff);
      }
    }
  }

  private async becomeLeader(): Promise<void> {
    const session = new Client({ connectionString: this.options.databaseUrl, application_name: `outbox-relay:${this.options.schema}` });
    session.on('error', (error) => {
      // The session died: leadership and notifications went with it.
      this.options.logger.warn({ err: error }, 'outbox relay session lost');
      this.leader = false;
      this.session = undefined;
    });
    await session.connect();
    const [{ locked }] = (
      await session.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`outbox-relay:${this.options.schema}`])
    ).rows;
    if (!locked) {
      await session.end();
      return;
    }
    session.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    await session.query(`LISTEN ${outboxChannel(this.options.schema)}`);
    this.session = session;
    this.leader = true;
    this.options.logger.info({ schema: this.options.schema }, 'outbox relay is publishing');
  }

  private async closeSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.leader = false;
    await session?.end().catch(() => undefined);
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
