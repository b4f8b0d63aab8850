import type { DataSource } from 'typeorm';
import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { type Attributes, type Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { eventDefinition, type EventName, isEventName, validateEvent } from '@mb/events';
import type { Logger } from '@mb/observability';
import { DeadLetterReason, deadLetterHeadersOf } from '../dead-letter/dead-letter-headers';
import { recordInInbox } from '../inbox/inbox';
import { TypeOrmUnitOfWork } from '../unit-of-work/typeorm-unit-of-work';
import { CATALOGUE_TOPIC_NAMING, TopicNaming } from '../topic-naming';
import { MESSAGING_SPAN_ATTRIBUTES as SPAN, messagingTracer, recordSpanFailure } from '../tracing/messaging-spans';
import { remoteContextOf } from '../tracing/traceparent';
import type { AnyEventHandler, EventHandler } from './event-handler';
import { classifyFailure, DEFAULT_RETRY_POLICY, failureCodeOf, nextStepAfterFailure, RetryPolicy } from './failure-policy';
import { GROUP_MEMBERSHIP_TIMEOUTS, GroupMembership, type GroupMembershipState, keepingMembershipWhile } from './group-membership';

export interface EventConsumerOptions {
  readonly kafka: Kafka;
  readonly dataSource: DataSource;
  /** The consuming service's schema, where its inbox table lives. */
  readonly schema: string;
  readonly groupId: string;
  readonly handlers: readonly AnyEventHandler[];
  readonly logger: Logger;
  readonly retryPolicy?: RetryPolicy;
  readonly topicNaming?: TopicNaming;
  /** Partitions handled at once; order within each partition is always kept. */
  readonly partitionsConsumedConcurrently?: number;
  readonly clock?: () => Date;
  /** Told of every message sent to a dead-letter topic (after it is written), e.g. to count it. */
  readonly onDeadLettered?: (deadLetter: { consumerGroup: string; sourceTopic: string; reason: DeadLetterReason }) => void;
}

export interface ConsumerStats {
  applied: number;
  duplicates: number;
  deadLettered: number;
  retries: number;
}

type Outcome = 'applied' | 'duplicate' | 'dead_lettered' | 'stopped';

// Offsets are committed at the end of every batch and every this many messages within one: each
// effect is already committed with its inbox record, so a later commit only costs a harmless
// redelivery after a crash, never a lost or doubled effect.
const COMMIT_EVERY_MESSAGES = 100;

/**
 * Runs a consumer group over the topics of its handlers with these guarantees:
 * - an event's effect and its inbox record commit in one transaction; a redelivered event is
 *   recognised by the inbox and has no second effect;
 * - offsets are committed only after the effects of the messages before them committed;
 * - messages of one partition are handled one after the other, in order;
 * - an invalid or unknown event, or one whose handler fails permanently (a DomainRejection among
 *   others) or too often, goes to the dead-letter topic with the error in its headers, and the
 *   partition moves on;
 * - while the database or broker is down, the same message is retried (the partition waits);
 * - stop() lets the message in hand finish and commits offsets before leaving the group.
 * Each message is handled in a CONSUMER span continuing the trace of its traceparent header (a
 * no-op when no OpenTelemetry SDK is registered).
 */
export class EventConsumer {
  readonly stats: ConsumerStats = { applied: 0, duplicates: 0, deadLettered: 0, retries: 0 };
  private readonly consumer: Consumer;
  private readonly deadLetterProducer: Producer;
  private readonly handlerByTopic = new Map<string, AnyEventHandler>();
  private readonly retryPolicy: RetryPolicy;
  private readonly naming: TopicNaming;
  private readonly clock: () => Date;
  private readonly unitOfWork: TypeOrmUnitOfWork;
  private running = false;
  private readonly membership: GroupMembership;
  private rejoinTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: EventConsumerOptions) {
    this.retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.unitOfWork = new TypeOrmUnitOfWork(options.dataSource);
    this.naming = options.topicNaming ?? CATALOGUE_TOPIC_NAMING;
    this.clock = options.clock ?? (() => new Date());
    for (const handler of options.handlers) {
      const topic = this.naming.topicOf(handler.event);
      if (this.handlerByTopic.has(topic)) throw new Error(`two handlers for ${handler.event} in group ${options.groupId}`);
      this.handlerByTopic.set(topic, handler);
    }
    // An idle fetch waits this long on the broker, and stop() waits for the fetch in flight: 1 s
    // instead of kafkajs's 5 s keeps shutdown (Ctrl-C, a rolling deploy) quick, at the cost of one
    // empty fetch a second per idle consumer. A message still arrives as soon as it is written.
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 1000,
      ...GROUP_MEMBERSHIP_TIMEOUTS,
      // A crash while stopping (a join cut short by stop()) must not reconnect the consumer.
      retry: { retries: 5, restartOnFailure: async () => this.running }, // kafkajs's own 5 retries kept
    });
    this.membership = new GroupMembership(this.consumer);
    // kafkajs restarts itself after a retriable crash only; after any other (an authorisation
    // refused mid-rebalance, a bug in a handler outside the per-message catch) the consumer would
    // stay down with the process alive and ready. It rejoins instead, with backoff.
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || !this.running) return;
      this.options.logger.error({ err: payload.error }, 'consumer crashed; rejoining its group');
      this.rejoinAfter(1000);
    });
    this.deadLetterProducer = options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /**
   * Connects and joins the group. Resolves once the join is over: this member holds its partitions,
   * or the join failed and kafkajs (a retriable error) or the crash handler above tries again;
   * groupMembership tells which. Rejects when the broker cannot be reached at all.
   */
  async start(): Promise<void> {
    // Running from the start, so that a stop() during the join leaves the group rather than racing it.
    this.running = true;
    this.membership.joining();
    await this.deadLetterProducer.connect();
    await this.joinGroup();
  }

  /** Whether this member holds its partitions, is (re)joining its group, or is stopped. */
  get groupMembership(): GroupMembershipState {
    return this.membership.state;
  }

  private async joinGroup(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.handlerByTopic.keys()], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.consumeBatch(payload),
    });
  }

  /** The group's id and the topics it reads, e.g. to report its lag. */
  get subscription(): { groupId: string; topics: string[] } {
    return { groupId: this.options.groupId, topics: [...this.handlerByTopic.keys()] };
  }

  private rejoinAfter(delayMs: number): void {
    clearTimeout(this.rejoinTimer);
    this.rejoinTimer = setTimeout(() => {
      if (!this.running) return;
      this.joinGroup().catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'consumer could not rejoin its group; trying again');
        this.rejoinAfter(Math.min(delayMs * 2, 30_000));
      });
    }, delayMs);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearTimeout(this.rejoinTimer);
    this.membership.stopped();
    // kafkajs waits for the batches in hand; consumeBatch commits their offsets before returning.
    await this.consumer.disconnect();
    await this.deadLetterProducer.disconnect();
  }

  private async consumeBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    let uncommitted: string | undefined;
    let sinceCommit = 0;
    try {
      for (const message of batch.messages) {
        if (!this.running || !isRunning() || isStale()) break;
        const outcome = await keepingMembershipWhile(heartbeat, () => this.consumeMessage(batch.topic, batch.partition, message, heartbeat));
        if (outcome === 'stopped') break;
        resolveOffset(message.offset);
        uncommitted = message.offset;
        sinceCommit += 1;
        if (sinceCommit >= COMMIT_EVERY_MESSAGES) {
          await this.commit(batch.topic, batch.partition, uncommitted);
          uncommitted = undefined;
          sinceCommit = 0;
        }
        await heartbeat();
      }
    } finally {
      if (uncommitted !== undefined) await this.commit(batch.topic, batch.partition, uncommitted);
    }
  }

  private async commit(topic: string, partition: number, processedOffset: string): Promise<void> {
    try {
      await this.consumer.commitOffsets([{ topic, partition, offset: (BigInt(processedOffset) + 1n).toString() }]);
    } catch (error) {
      // Lost the partition in a rebalance: its new owner starts from the last commit, and the
      // inbox absorbs the redelivery.
      this.options.logger.warn({ err: error, topic, partition }, 'offset commit failed');
    }
  }

  /**
   * The message is handled with its span active, a child of the span its traceparent names, so
   * that events the handler records in the outbox carry the same trace on to their consumers.
   */
  private consumeMessage(topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<Outcome> {
    const headers = headersAsText(message.headers);
    const attributes: Attributes = {
      [SPAN.system]: 'kafka',
      [SPAN.operationType]: 'process',
      [SPAN.operationName]: 'process',
      [SPAN.destination]: topic,
      [SPAN.partition]: String(partition),
      [SPAN.consumerGroup]: this.options.groupId,
      [SPAN.kafkaOffset]: Number(message.offset),
    };
    if (message.key) attributes[SPAN.kafkaMessageKey] = message.key.toString('utf8');
    const options = { kind: SpanKind.CONSUMER, attributes };
    return messagingTracer().startActiveSpan(`process ${topic}`, options, remoteContextOf(headers.traceparent), async (span) => {
      try {
        const outcome = await this.handleMessage(topic, partition, message, headers, heartbeat, span);
        span.setAttribute(SPAN.consumerOutcome, outcome);
        return outcome;
      } catch (error) {
        recordSpanFailure(span, error);
        throw error;
      } finally {
        span.end();
      }
    });
  }

  private async handleMessage(
    topic: string,
    partition: number,
    message: KafkaMessage,
    headers: Record<string, string>,
    heartbeat: () => Promise<void>,
    span: Span,
  ): Promise<Outcome> {
    const handler = this.handlerByTopic.get(topic);
    const eventName = handler?.event;
    const parsed = this.parse(message, headers, eventName);
    if (!parsed.ok) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: `${parsed.reason}: ${parsed.error}` });
      return this.deadLetter(topic, partition, message, headers, parsed.reason, parsed.error, 1);
    }
    const { envelope } = parsed;
    span.setAttribute(SPAN.messageId, envelope.id);

    for (let attempt = 1; ; attempt += 1) {
      const committedEffects: (() => void)[] = [];
      try {
        // The handler's use case joins this unit of work, so its effect commits with the inbox record.
        const applied = await this.unitOfWork.transaction(async (manager) => {
          const firstTime = await recordInInbox(manager, this.options.schema, {
            consumerGroup: this.options.groupId,
            eventId: envelope.id,
            topic,
            partition,
            offset: message.offset,
          });
          if (!firstTime) return false;
          const afterCommit = (effect: () => void) => committedEffects.push(effect);
          await (handler as EventHandler).handle(envelope as never, { manager, topic, partition, offset: message.offset, headers, afterCommit });
          return true;
        });
        this.runCommittedEffects(committedEffects, envelope.id);
        if (applied) this.stats.applied += 1;
        else this.stats.duplicates += 1;
        return applied ? 'applied' : 'duplicate';
      } catch (error) {
        const kind = classifyFailure(error);
        const step = nextStepAfterFailure(kind, attempt, this.retryPolicy);
        const log = { err: error, topic, partition, offset: message.offset, eventId: envelope.id, attempt, kind };
        if (step.action === 'dead_letter') {
          recordSpanFailure(span, error);
          this.options.logger.error(log, 'event handling failed; dead-lettering it');
          return this.deadLetter(topic, partition, message, headers, step.reason, describe(error), attempt, failureCodeOf(error));
        }
        span.recordException(error instanceof Error ? error : String(error));
        this.options.logger.warn({ ...log, retryInMs: step.afterMs }, 'event handling failed; retrying');
        this.stats.retries += 1;
        if (!(await this.pause(step.afterMs, heartbeat))) return 'stopped';
      }
    }
  }

  private runCommittedEffects(effects: (() => void)[], eventId: string): void {
    for (const effect of effects) {
      try {
        effect();
      } catch (error) {
        this.options.logger.warn({ err: error, eventId }, 'after-commit effect failed; the event itself is applied');
      }
    }
  }

  private parse(
    message: KafkaMessage,
    headers: Record<string, string>,
    eventName: EventName | undefined,
  ): { ok: true; envelope: { id: string } } | { ok: false; reason: DeadLetterReason; error: string } {
    if (eventName === undefined || !isEventName(eventName)) return { ok: false, reason: 'unknown_event', error: 'no handler for this topic' };
    const version = Number(headers['event-version'] ?? eventDefinition(eventName).currentVersion);
    let value: unknown;
    try {
      value = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch (error) {
      return { ok: false, reason: 'invalid_event', error: `value is not JSON: ${(error as Error).message}` };
    }
    const validation = validateEvent(eventName, version, value);
    if (!validation.ok) return { ok: false, reason: 'invalid_event', error: validation.errors.join('; ') };
    return { ok: true, envelope: validation.envelope as { id: string } };
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    headers: Record<string, string>,
    reason: DeadLetterReason,
    error: string,
    attempts: number,
    errorCode?: string,
  ): Promise<Outcome> {
    const deadLetterTopic = this.naming.deadLetterTopicOf(topic);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.deadLetterProducer.send({
          topic: deadLetterTopic,
          acks: -1,
          messages: [
            {
              key: message.key,
              value: message.value,
              headers: {
                ...headers,
                ...deadLetterHeadersOf({
                  error,
                  errorCode,
                  reason,
                  consumerGroup: this.options.groupId,
                  sourceTopic: topic,
                  sourcePartition: partition,
                  sourceOffset: message.offset,
                  failedAt: this.clock(),
                  attempts,
                }),
              },
            },
          ],
        });
        this.stats.deadLettered += 1;
        this.options.onDeadLettered?.({ consumerGroup: this.options.groupId, sourceTopic: topic, reason });
        this.options.logger.warn({ topic, partition, offset: message.offset, deadLetterTopic, reason, error, errorCode }, 'message dead-lettered');
        return 'dead_lettered';
      } catch (sendError) {
        // Without the dead letter written the offset must not move: wait for the broker.
        this.options.logger.warn({ err: sendError, deadLetterTopic }, 'dead-letter publish failed; retrying');
        if (!(await this.pause(Math.min(200 * 2 ** attempt, 5000), async () => undefined))) return 'stopped';
      }
    }
  }

  /** Waits, heartbeating so the group keeps the partition; false when the consumer is stopping. */
  private async pause(ms: number, heartbeat: () => Promise<void>): Promise<boolean> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (!this.running) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, until - Date.now())));
      await heartbeat().catch(() => undefined);
    }
    return this.running;
  }
}

function headersAsText(headers: IHeaders | undefined): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    text[name] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  return text;
}

/** `Error: message`, or `DomainRejection: invoice.not_found: message` for a failure with a stable code. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = failureCodeOf(error);
  return code === undefined ? `${error.name}: ${error.message}` : `${error.name}: ${code}: ${error.message}`;
}
