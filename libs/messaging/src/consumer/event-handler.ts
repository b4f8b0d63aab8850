import type { EntityManager } from 'typeorm';
import type { EventEnvelope, EventName } from '@mb/events';

export interface HandlerContext {
  /** The transaction the effect must use: the inbox record commits or rolls back with it. */
  readonly manager: EntityManager;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Applies one kind of event. Throw PermanentEventError for an event that can never be applied. */
export interface EventHandler<N extends EventName = EventName> {
  readonly event: N;
  handle(envelope: EventEnvelope<N>, context: HandlerContext): Promise<void>;
}

/** A handler of any one event: what a consumer group's handler list holds. */
export type AnyEventHandler = { [N in EventName]: EventHandler<N> }[EventName];
