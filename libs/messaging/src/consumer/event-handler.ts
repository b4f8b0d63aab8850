import type { EntityManager } from 'typeorm';
import type { EventEnvelopeOfAnyVersion, EventName } from '@mb/events';

export interface HandlerContext {
  /**
   * The open transaction, for infrastructure-level handlers (tests, tools). A service's consumer
   * instead calls its use case, whose UnitOfWork joins this same transaction: the inbox record
   * commits or rolls back with the effect either way.
   */
  readonly manager: EntityManager;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Runs `effect` once the transaction has committed, and never if it rolls back: for what lives
   * outside the database (a metric, a cache) and must count the effect once, not once per attempt.
   * It must not fail; an error it throws is logged and ignored.
   */
  afterCommit(effect: () => void): void;
}

/**
 * Applies one kind of event. A DomainRejection (a business refusal) or a PermanentEventError
 * dead-letters the event at once; any other error is retried first (failure-policy.ts). The envelope
 * is of any version the catalogue still declares, validated against the one in its `event-version`
 * header: a consumer accepts every version a producer may still send.
 */
export interface EventHandler<N extends EventName = EventName> {
  readonly event: N;
  handle(envelope: EventEnvelopeOfAnyVersion<N>, context: HandlerContext): Promise<void>;
  /**
   * True when the event, judged by its Kafka headers alone, has no effect in this handler: the
   * consumer then skips it without parsing it or opening a transaction, and records no inbox row
   * (there is no effect to deduplicate); its offset is committed as usual. Without this method
   * every event is handled. It must be pure and quick; it runs for every message of the topic.
   */
  ignores?(headers: Readonly<Record<string, string>>): boolean;
}

/** A handler of any one event: what a consumer group's handler list holds. */
export type AnyEventHandler = { [N in EventName]: EventHandler<N> }[EventName];
