import type { DataSource } from 'typeorm';
import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { type Attributes, type Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { eventDefinition, type EventName, isEventName, validateEvent } from '@mb/events';
import type { Logger } from '@mb/observability';
import {
  DeadLetterReason,
  deadLetterHeadersOf,
  deliverySourceOf,
  originalHeadersOf,
  type ReleaseAction,
  releaseRequestOf,
} from '../dead-letter/dead-letter-headers';
import {
  blockedKeyOf,
  blockKey,
  type Delivery as ParkedDelivery,
  parkedEventsOf,
  parkIfKeyBlocked,
  unblockKeyIfNothingParked,
  unpark,
} from '../dead-letter/key-parking';
import { admitToInbox, recordAllInInboxUnlessKeysBlocked, recordInInbox } from '../inbox/inbox';
import { TypeOrmUnitOfWork } from '../unit-of-work/typeorm-unit-of-work';
import { CATALOGUE_TOPIC_NAMING, TopicNaming } from '../topic-naming';
import { MESSAGING_SPAN_ATTRIBUTES as SPAN, messagingTracer, recordSpanFailure } from '../tracing/messaging-spans';
import { remoteContextOf } from '../tracing/traceparent';
import type { AnyEventHandler, EventHandler } from './event-handler';
import { backoffMs, classifyFailure, DEFAULT_RETRY_POLICY, failureCodeOf, nextStepAfterFailure, RetryPolicy } from './failure-policy';
import { GROUP_MEMBERSHIP_TIMEOUTS, GroupMembership, type GroupMembershipState, keepingMembershipWhile } from './group-membership';
import { keyAdmissionOf } from './key-order-policy';

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
  /**
   * Apply the messages of a fetched batch of one partition in one transaction, with one multi-row
   * inbox insert (default true); a batch that fails in any way is applied again one message at a
   * time, where the failure policy decides about the message that failed.
   */
  readonly applyBatchesTogether?: boolean;
  /** Partitions handled at once; order within each partition is always kept. */
  readonly partitionsConsumedConcurrently?: number;
  readonly clock?: () => Date;
  /** Told of every message sent to a dead-letter topic (after it is written), e.g. to count it. */
  readonly onDeadLettered?: (deadLetter: { consumerGroup: string; sourceTopic: string; reason: DeadLetterReason }) => void;
  /** Told of every wait on an infrastructure error (database or broker unavailable, read-only, busy), e.g. to count it. */
  readonly onInfrastructureRetry?: (retry: { consumerGroup: string }) => void;
}

export interface ConsumerStats {
  applied: number;
  duplicates: number;
  deadLettered: number;
  /** Failed attempts that were tried again, of any kind. */
  retries: number;
  /** Waits on an infrastructure error: failed attempts, and failed dead-letter writes and bookkeeping. */
  infrastructureRetries: number;
  /** Deliveries held back behind their key's dead letter. */
  parked: number;
  /** Keys released by a replay or discard of their dead letter. */
  released: number;
  /** Deliveries a handler ignores by their headers (no transaction). */
  ignored: number;
  /** Discards of a dead letter that held nothing back in this group. */
  skipped: number;
}

/**
 * `held`: the message failed and is to be tried again later; its partition is paused meanwhile
 * and the message stays unresolved, so the next fetch of the partition starts with it again.
 */
type Outcome = 'applied' | 'duplicate' | 'dead_lettered' | 'parked' | 'ignored' | 'skipped' | 'released' | 'held' | 'stopped';

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
 *   partition moves on; but its key (the contract id) is held back for this group: later messages
 *   of the key are parked in `<schema>.parked_events` until the dead letter is replayed (applied,
 *   then the parked ones in order) or discarded (the parked ones in order), so none overtakes it;
 * - while the database or broker is down, read-only or refusing the attempt (serialization
 *   failure, deadlock, lock or statement timeout), the same message is retried without limit,
 *   heartbeating: that partition waits, the others flow, nothing is dead-lettered for it;
 * - a message its handler `ignores` by its headers is skipped without a transaction;
 * - stop() lets the message in hand finish and commits offsets before leaving the group.
 * Each message is handled in a CONSUMER span continuing the trace of its traceparent header (a
 * no-op when no OpenTelemetry SDK is registered).
 */
export class EventConsumer {
  readonly stats: ConsumerStats = { applied: 0, duplicates: 0, deadLettered: 0, retries: 0, infrastructureRetries: 0, parked: 0, released: 0, ignored: 0, skipped: 0 };
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
  /** Per partition in hand (`topic/partition`), since when it retries an infrastructure error (epoch ms). */
  private readonly stalledSince = new Map<string, number>();
  /**
   * Per partition in hand, what is being retried and how many attempts at it failed: the message
   * at an offset, or (during a release) a parked delivery.
   */
  private readonly failedAttempts = new Map<string, { subject: string; attempts: number }>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();

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
    // A partition taken away in a rebalance is no longer ours to report as stalled or to retry.
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => this.forgetUnassigned(payload.memberAssignment));
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
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    // kafkajs waits for the batches in hand; consumeBatch commits their offsets before returning.
    await this.consumer.disconnect();
    await this.deadLetterProducer.disconnect();
  }

  /** For how long (seconds) the longest-retrying partition has retried an infrastructure error on one message; 0 when none does. */
  stalledSeconds(): number {
    const now = this.clock().getTime();
    let longest = 0;
    for (const since of this.stalledSince.values()) longest = Math.max(longest, now - since);
    return longest / 1000;
  }

  private async consumeBatch({ batch, resolveOffset, heartbeat, isRunning, isStale, pause }: EachBatchPayload): Promise<void> {
    const lane: Lane = { name: `${batch.topic}/${batch.partition}`, offset: '', heartbeat, stillOurs: () => isRunning() && !isStale() };
    let uncommitted: string | undefined;
    let sinceCommit = 0;
    const resolve = (offset: string, count: number) => {
      resolveOffset(offset);
      uncommitted = offset;
      sinceCommit += count;
    };
    try {
      chunks: for (let start = 0; start < batch.messages.length; start += COMMIT_EVERY_MESSAGES) {
        const chunk = batch.messages.slice(start, start + COMMIT_EVERY_MESSAGES);
        if (!this.running || !lane.stillOurs()) break;
        const together = chunk.length > 1 && this.options.applyBatchesTogether !== false && !this.failedAttempts.has(lane.name);
        if (together && (await keepingMembershipWhile(heartbeat, () => this.applyTogether(batch.topic, batch.partition, chunk)))) {
          resolve(chunk[chunk.length - 1].offset, chunk.length);
        } else {
          for (const message of chunk) {
            if (!this.running || !lane.stillOurs()) break chunks;
            lane.offset = message.offset;
            const outcome = await keepingMembershipWhile(heartbeat, () => this.consumeMessage(batch.topic, batch.partition, message, lane));
            if (outcome === 'stopped') break chunks;
            if (outcome === 'held') {
              this.holdPartition(batch.topic, batch.partition, pause);
              break chunks;
            }
            this.failedAttempts.delete(lane.name);
            this.stalledSince.delete(lane.name);
            resolve(message.offset, 1);
            await heartbeat();
          }
        }
        if (sinceCommit >= COMMIT_EVERY_MESSAGES && uncommitted !== undefined) {
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

  /**
   * Applies consecutive messages of one partition in one transaction: one statement checks that
   * none of their keys is held back and records all their inbox rows; each handler then runs in
   * order, in its message's span. False, with nothing committed, when that cannot be done plainly
   * (a release, an invalid event, a held-back key, a handler failing, the database failing): the
   * caller then applies the messages one by one, where each failure gets its own verdict.
   */
  private async applyTogether(topic: string, partition: number, messages: readonly KafkaMessage[]): Promise<boolean> {
    const handler = this.handlerByTopic.get(topic);
    if (handler === undefined) return false;
    const planned: { message: KafkaMessage; headers: Record<string, string>; envelope: { id: string } | undefined }[] = [];
    for (const message of messages) {
      const headers = headersAsText(message.headers);
      if (releaseRequestOf(headers) !== undefined) return false;
      if (handler.ignores?.(headers)) {
        planned.push({ message, headers, envelope: undefined });
        continue;
      }
      const parsed = this.parse(message.value, headers, handler.event);
      if (!parsed.ok) return false;
      planned.push({ message, headers, envelope: parsed.envelope });
    }
    const toApply = planned.filter((entry) => entry.envelope !== undefined);
    const committedEffects: (() => void)[] = [];
    let applied = 0;
    try {
      const admitted = await this.unitOfWork.transaction(async (manager) => {
        const firstTime = await recordAllInInboxUnlessKeysBlocked(manager, this.options.schema, {
          consumerGroup: this.options.groupId,
          topic,
          partition,
          deliveries: toApply.map(({ message, envelope }) => ({
            eventId: (envelope as { id: string }).id,
            offset: message.offset,
            key: message.key && message.key.length > 0 ? message.key.toString('utf8') : undefined,
          })),
        });
        if (firstTime === 'key_blocked') return false;
        for (const { message, headers, envelope } of toApply) {
          const { id } = envelope as { id: string };
          // The same event twice in one batch: the first delivery applies it.
          if (!firstTime.delete(id)) continue;
          await this.inMessageSpan(topic, partition, message, headers, async (span) => {
            span.setAttribute(SPAN.messageId, id);
            const afterCommit = (effect: () => void) => committedEffects.push(effect);
            await (handler as EventHandler).handle(envelope as never, { manager, topic, partition, offset: message.offset, headers, afterCommit });
            span.setAttribute(SPAN.consumerOutcome, 'applied');
          });
          applied += 1;
        }
        return true;
      });
      if (!admitted) return false;
    } catch (error) {
      this.options.logger.debug({ err: error, topic, partition, messages: messages.length }, 'batch failed as a whole; applying it one message at a time');
      return false;
    }
    this.runCommittedEffects(committedEffects, '(batch)');
    this.stats.applied += applied;
    this.stats.duplicates += toApply.length - applied;
    this.stats.ignored += planned.length - toApply.length;
    return true;
  }

  /** Runs `work` in a CONSUMER span of the message, continuing the trace of its traceparent. */
  private inMessageSpan<T>(topic: string, partition: number, message: KafkaMessage, headers: Record<string, string>, work: (span: Span) => Promise<T>): Promise<T> {
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
        return await work(span);
      } catch (error) {
        recordSpanFailure(span, error);
        throw error;
      } finally {
        span.end();
      }
    });
  }

  /**
   * Pauses the partition until its message's backoff is over, rather than waiting in eachBatch:
   * kafkajs fetches the next batches only once every batch of a fetch is handled, so a wait here
   * would hold every partition of the broker. The message is left unresolved: the partition's next
   * fetch, after the resume, starts with it again. Heartbeats go on, so the group keeps the partition.
   */
  private holdPartition(topic: string, partition: number, pause: () => () => void): void {
    const lane = `${topic}/${partition}`;
    const attempts = this.failedAttempts.get(lane)?.attempts ?? 1;
    pause();
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      if (this.running) this.consumer.resume([{ topic, partitions: [partition] }]);
    }, backoffMs(attempts, this.retryPolicy));
    timer.unref();
    this.resumeTimers.add(timer);
  }

  private forgetUnassigned(assignment: Record<string, number[]>): void {
    const assigned = new Set(Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((partition) => `${topic}/${partition}`)));
    for (const lane of [...this.stalledSince.keys(), ...this.failedAttempts.keys()]) {
      if (assigned.has(lane)) continue;
      this.stalledSince.delete(lane);
      this.failedAttempts.delete(lane);
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
  private consumeMessage(topic: string, partition: number, message: KafkaMessage, lane: Lane): Promise<Outcome> {
    const headers = headersAsText(message.headers);
    return this.inMessageSpan(topic, partition, message, headers, async (span) => {
      const delivery: Delivery = {
        consumerGroup: this.options.groupId,
        key: message.key && message.key.length > 0 ? message.key.toString('utf8') : undefined,
        topic,
        partition,
        offset: message.offset,
        eventId: undefined,
        value: message.value,
        headers,
      };
      const outcome = await this.handleMessage(delivery, lane, span);
      span.setAttribute(SPAN.consumerOutcome, outcome);
      return outcome;
    });
  }

  private async handleMessage(delivery: Delivery, lane: Lane, span: Span): Promise<Outcome> {
    const release = releaseRequestOf(delivery.headers);
    if (release !== undefined) {
      const { key } = delivery;
      const block = key === undefined ? undefined : await this.untilDone(lane, () => blockedKeyOf(this.options.dataSource, this.options.schema, this.options.groupId, key));
      if (block === STOPPED) return 'stopped';
      const admission = keyAdmissionOf(this.options.groupId, release, block);
      if (admission.kind === 'skip') {
        this.stats.skipped += 1;
        return 'skipped';
      }
      if (admission.kind === 'release' && key !== undefined) return this.release(admission.action, { ...delivery, key }, lane, span);
    }
    if (this.handlerByTopic.get(delivery.topic)?.ignores?.(delivery.headers)) {
      this.stats.ignored += 1;
      return 'ignored';
    }
    return this.apply(delivery, lane, span, 'in_order');
  }

  /**
   * Applies one delivery once: its effect and its inbox record in one transaction. `in_order`: a
   * delivery of a key held back by a dead letter is parked instead. `releasing`: the delivery is
   * the replayed dead letter or one parked behind it (`parkedAs`, unparked in the same transaction),
   * applied in its turn during a release.
   */
  private async apply(
    delivery: Delivery,
    lane: Lane,
    span: Span,
    mode: 'in_order' | 'releasing',
    parkedAs?: string,
  ): Promise<Exclude<Outcome, 'ignored' | 'skipped' | 'released'>> {
    const handler = this.handlerByTopic.get(delivery.topic);
    const parsed = this.parse(delivery.value, delivery.headers, handler?.event);
    if (!parsed.ok) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: `${parsed.reason}: ${parsed.error}` });
      return this.giveUp(delivery, lane, mode, parsed.reason, parsed.error, 1, undefined, parkedAs);
    }
    const { envelope } = parsed;
    const identified: Delivery = { ...delivery, eventId: envelope.id };
    span.setAttribute(SPAN.messageId, envelope.id);
    const { topic, partition, offset, key, headers } = identified;

    const subject = parkedAs === undefined ? `offset ${lane.offset}` : `parked ${parkedAs}`;
    const previous = this.failedAttempts.get(lane.name);
    const attempt = previous !== undefined && previous.subject === subject ? previous.attempts + 1 : 1;
    const committedEffects: (() => void)[] = [];
    try {
      // The handler's use case joins this unit of work, so its effect commits with the inbox record.
      const outcome = await this.unitOfWork.transaction(async (manager): Promise<'applied' | 'duplicate' | 'parked'> => {
        if (parkedAs !== undefined) await unpark(manager, this.options.schema, parkedAs);
        const entry = { consumerGroup: this.options.groupId, eventId: envelope.id, topic, partition, offset };
        const admission =
          mode === 'in_order' && key !== undefined
            ? await admitToInbox(manager, this.options.schema, { ...entry, key })
            : (await recordInInbox(manager, this.options.schema, entry))
              ? 'first_time'
              : 'duplicate';
        if (admission === 'key_blocked') {
          await parkIfKeyBlocked(manager, this.options.schema, { ...identified, key: key as string });
          return 'parked';
        }
        if (admission === 'duplicate') return 'duplicate';
        const afterCommit = (effect: () => void) => committedEffects.push(effect);
        await (handler as EventHandler).handle(envelope as never, { manager, topic, partition, offset, headers, afterCommit });
        return 'applied';
      });
      this.progressed(lane, subject);
      this.runCommittedEffects(committedEffects, envelope.id);
      if (outcome === 'applied') this.stats.applied += 1;
      else if (outcome === 'duplicate') this.stats.duplicates += 1;
      else {
        this.stats.parked += 1;
        this.options.logger.info({ topic, partition, offset, key, eventId: envelope.id }, "event parked behind its key's dead letter");
      }
      return outcome;
    } catch (error) {
      const kind = classifyFailure(error);
      const step = nextStepAfterFailure(kind, attempt, this.retryPolicy);
      const log = { err: error, topic, partition, offset, eventId: envelope.id, attempt, kind };
      if (step.action === 'dead_letter') {
        recordSpanFailure(span, error);
        this.options.logger.error(log, 'event handling failed; dead-lettering it');
        this.progressed(lane, subject);
        return this.giveUp(identified, lane, mode, step.reason, describe(error), attempt, failureCodeOf(error), parkedAs);
      }
      span.recordException(error instanceof Error ? error : String(error));
      this.options.logger.warn({ ...log, retryInMs: step.afterMs }, 'event handling failed; retrying');
      this.stats.retries += 1;
      if (kind === 'infrastructure') this.noteInfrastructureRetry(lane);
      this.failedAttempts.set(lane.name, { subject, attempts: attempt });
      return 'held';
    }
  }

  /**
   * What was tried moved on (applied, parked, dead-lettered): its partition is no longer stalled,
   * unless something else of it still fails (a parked delivery, while its release is redelivered).
   */
  private progressed(lane: Lane, subject: string): void {
    const failing = this.failedAttempts.get(lane.name);
    if (failing !== undefined && failing.subject !== subject) return;
    this.failedAttempts.delete(lane.name);
    this.stalledSince.delete(lane.name);
  }

  /**
   * Sends a delivery that cannot be applied to the dead-letter topic and holds its key back for
   * this group, so that nothing of that key overtakes it. A delivery whose key was blocked
   * meanwhile (by another topic's event of the key) is parked behind that block instead.
   */
  private async giveUp(
    delivery: Delivery,
    lane: Lane,
    mode: 'in_order' | 'releasing',
    reason: DeadLetterReason,
    error: string,
    attempts: number,
    errorCode: string | undefined,
    parkedAs: string | undefined,
  ): Promise<'dead_lettered' | 'parked' | 'stopped'> {
    const { key } = delivery;
    if (key !== undefined && mode === 'in_order') {
      const parked = await this.untilDone(lane, () =>
        this.unitOfWork.transaction((manager) => parkIfKeyBlocked(manager, this.options.schema, { ...delivery, key })),
      );
      if (parked === STOPPED) return 'stopped';
      if (parked) {
        this.stats.parked += 1;
        return 'parked';
      }
    }
    if ((await this.deadLetter(delivery, lane, reason, error, attempts, errorCode)) === 'stopped') return 'stopped';
    if (key !== undefined) {
      // After the dead letter is written: a crash in between redelivers the message, which is
      // dead-lettered again (a replay applies it once), never parked behind a block of its own.
      const blocked = await this.untilDone(lane, () =>
        this.unitOfWork.transaction(async (manager) => {
          await blockKey(manager, this.options.schema, { ...delivery, key }, reason, mode === 'releasing');
          if (parkedAs !== undefined) await unpark(manager, this.options.schema, parkedAs);
        }),
      );
      if (blocked === STOPPED) return 'stopped';
    }
    return 'dead_lettered';
  }

  /**
   * The operator replayed or discarded the dead letter holding `delivery.key` back: apply it (a
   * replay), then the deliveries parked behind it in their order, then lift the block. If one of
   * them fails for good it becomes the key's dead letter and the rest stay parked behind it.
   */
  private async release(action: ReleaseAction, delivery: Delivery & { readonly key: string }, lane: Lane, span: Span): Promise<Outcome> {
    if (action === 'replay') {
      const replayed = await this.apply(delivery, lane, span, 'releasing');
      if (replayed === 'stopped' || replayed === 'held' || replayed === 'dead_lettered') return replayed;
    }
    const { consumerGroup, key } = delivery;
    const { schema } = this.options;
    for (;;) {
      const parked = await this.untilDone(lane, () => parkedEventsOf(this.options.dataSource, schema, consumerGroup, key, RELEASE_BATCH));
      if (parked === STOPPED) return 'stopped';
      if (parked.length === 0) {
        const lifted = await this.untilDone(lane, () => this.unitOfWork.transaction((manager) => unblockKeyIfNothingParked(manager, schema, consumerGroup, key)));
        if (lifted === STOPPED) return 'stopped';
        if (lifted) break;
        continue; // parked meanwhile, from another partition: apply it first
      }
      for (const event of parked) {
        const outcome = await this.apply(
          { consumerGroup, key, topic: event.topic, partition: event.partition, offset: event.offset, eventId: undefined, value: event.value, headers: event.headers },
          lane,
          span,
          'releasing',
          event.sequence,
        );
        if (outcome === 'stopped' || outcome === 'held' || outcome === 'dead_lettered') return outcome;
        await lane.heartbeat().catch(() => undefined);
      }
    }
    this.stats.released += 1;
    this.options.logger.info({ key, action, deadLetterSource: deliverySourceOf(delivery.topic, delivery.partition, delivery.offset) }, 'key released from its dead letter');
    return 'released';
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
    value: Buffer | null,
    headers: Readonly<Record<string, string>>,
    eventName: EventName | undefined,
  ): { ok: true; envelope: { id: string } } | { ok: false; reason: DeadLetterReason; error: string } {
    if (eventName === undefined || !isEventName(eventName)) return { ok: false, reason: 'unknown_event', error: 'no handler for this topic' };
    const version = Number(headers['event-version'] ?? eventDefinition(eventName).currentVersion);
    let parsed: unknown;
    try {
      parsed = JSON.parse(value?.toString('utf8') ?? '');
    } catch (error) {
      return { ok: false, reason: 'invalid_event', error: `value is not JSON: ${(error as Error).message}` };
    }
    const validation = validateEvent(eventName, version, parsed);
    if (!validation.ok) return { ok: false, reason: 'invalid_event', error: validation.errors.join('; ') };
    return { ok: true, envelope: validation.envelope as { id: string } };
  }

  private async deadLetter(
    delivery: Delivery,
    lane: Lane,
    reason: DeadLetterReason,
    error: string,
    attempts: number,
    errorCode?: string,
  ): Promise<'dead_lettered' | 'stopped'> {
    const { topic, partition, offset } = delivery;
    const deadLetterTopic = this.naming.deadLetterTopicOf(topic);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.deadLetterProducer.send({
          topic: deadLetterTopic,
          acks: -1,
          messages: [
            {
              key: delivery.key ?? null,
              value: delivery.value,
              headers: {
                ...originalHeadersOf(delivery.headers),
                ...deadLetterHeadersOf({
                  error,
                  errorCode,
                  reason,
                  consumerGroup: this.options.groupId,
                  sourceTopic: topic,
                  sourcePartition: partition,
                  sourceOffset: offset,
                  failedAt: this.clock(),
                  attempts,
                }),
              },
            },
          ],
        });
        if (!this.failedAttempts.has(lane.name)) this.stalledSince.delete(lane.name);
        this.stats.deadLettered += 1;
        this.options.onDeadLettered?.({ consumerGroup: this.options.groupId, sourceTopic: topic, reason });
        this.options.logger.warn({ topic, partition, offset, key: delivery.key, deadLetterTopic, reason, error, errorCode }, 'message dead-lettered');
        return 'dead_lettered';
      } catch (sendError) {
        // Without the dead letter written the offset must not move: wait for the broker.
        this.options.logger.warn({ err: sendError, deadLetterTopic }, 'dead-letter publish failed; retrying');
        this.noteInfrastructureRetry(lane);
        if (!(await this.pause(backoffMs(attempt, this.retryPolicy), lane))) return 'stopped';
      }
    }
  }

  /**
   * Runs the consumer's own bookkeeping (a block, a park, a release step) until it succeeds: it
   * touches only the service's database, so a failure is the database's, and the partition waits.
   */
  private async untilDone<T>(lane: Lane, operation: () => Promise<T>): Promise<T | typeof STOPPED> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await operation();
        if (!this.failedAttempts.has(lane.name)) this.stalledSince.delete(lane.name);
        return result;
      } catch (error) {
        this.options.logger.warn({ err: error, lane: lane.name, attempt }, 'consumer bookkeeping failed; retrying');
        this.noteInfrastructureRetry(lane);
        if (!(await this.pause(backoffMs(attempt, this.retryPolicy), lane))) return STOPPED;
      }
    }
  }

  private noteInfrastructureRetry(lane: Lane): void {
    if (!this.stalledSince.has(lane.name)) this.stalledSince.set(lane.name, this.clock().getTime());
    this.stats.infrastructureRetries += 1;
    this.options.onInfrastructureRetry?.({ consumerGroup: this.options.groupId });
  }

  /**
   * Waits, heartbeating so the group keeps the partition; false when the consumer is stopping or
   * the partition was taken away in a rebalance (its new owner starts from the last commit).
   */
  private async pause(ms: number, lane: Lane): Promise<boolean> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (!this.running || !lane.stillOurs()) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, until - Date.now())));
      await lane.heartbeat().catch(() => undefined);
    }
    return this.running && lane.stillOurs();
  }
}

const STOPPED = Symbol('stopped');

/** Parked deliveries read per query during a release. */
const RELEASE_BATCH = 100;

/** The partition whose batch is in hand: every wait heartbeats for it and is counted against it. */
interface Lane {
  /** `topic/partition` */
  readonly name: string;
  /** The offset of the Kafka message in hand. */
  offset: string;
  readonly heartbeat: () => Promise<void>;
  readonly stillOurs: () => boolean;
}

/** A Kafka delivery as the runner passes it around; `key` is absent for a message without one. */
type Delivery = Omit<ParkedDelivery, 'key'> & { readonly key: string | undefined };

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
