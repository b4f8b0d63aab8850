import type { EntityManager } from 'typeorm';
import { eventDefinition, eventHeadersOf, partitionKeyOf, validateEvent } from '@mb/events';
import type { EventData, EventEnvelope, EventName } from '@mb/events';
import { newEventId } from '@mb/kernel';
import { CATALOGUE_TOPIC_NAMING, TopicNaming } from '../topic-naming';
import { currentTraceparent } from '../tracing/traceparent';
import { InvalidEventError } from './invalid-event.error';

export interface RecordEventOptions {
  /** The event or request that caused this one. */
  readonly causationId?: string;
  /** Defaults to the active trace, or a new one. */
  readonly traceparent?: string;
}

/** The NOTIFY channel a schema's outbox relay listens on (the outbox's commit trigger notifies it). */
export function outboxChannel(schema: string): string {
  return `outbox_${schema}`;
}

/**
 * Records an outgoing event in the service's outbox, inside the caller's transaction: the state
 * change and the event commit together or not at all. The relay publishes it after commit.
 */
export interface OutboxWriterOptions {
  /** The producing service's schema, where its outbox table lives. */
  readonly schema: string;
  readonly clock?: () => Date;
  readonly topicNaming?: TopicNaming;
}

export class OutboxWriter {
  private readonly schema: string;
  private readonly clock: () => Date;
  private readonly naming: TopicNaming;

  constructor(options: OutboxWriterOptions) {
    this.schema = options.schema;
    this.clock = options.clock ?? (() => new Date());
    this.naming = options.topicNaming ?? CATALOGUE_TOPIC_NAMING;
  }

  async record<N extends EventName>(
    manager: EntityManager,
    name: N,
    data: EventData<N>,
    options: RecordEventOptions = {},
  ): Promise<EventEnvelope<N>> {
    if (!manager.queryRunner?.isTransactionActive) {
      // Outside a transaction the event could be recorded without its state change, or the reverse.
      throw new Error(`event ${name} must be recorded inside the transaction of the change it announces`);
    }
    const now = this.clock();
    const envelope = { event: name, id: newEventId(now.getTime()), created_at: now.toISOString(), data };
    const version = eventDefinition(name).currentVersion;
    const validation = validateEvent(name, version, envelope);
    if (!validation.ok) throw new InvalidEventError(name, validation.errors);

    const headers = eventHeadersOf(
      name,
      version,
      { traceparent: options.traceparent ?? currentTraceparent(), causationId: options.causationId },
      data as object,
    );
    await manager.query(
      `INSERT INTO ${this.schema}.outbox (event_id, topic, partition_key, payload, headers) VALUES ($1, $2, $3, $4, $5)`,
      [envelope.id, this.naming.topicOf(name), partitionKeyOf({ event: name, data: data as object }), JSON.stringify(envelope), JSON.stringify(headers)],
    );
    // No NOTIFY here: the outbox's deferred trigger takes the row's position at commit and sends
    // one constant-payload notification, which PostgreSQL folds into one per transaction.
    return envelope as EventEnvelope<N>;
  }
}
