import { EVENT_NAMES, isEventName, UnknownEventError, type EventName } from '../catalogue/event-catalogue';

const DAY_MS = 24 * 60 * 60 * 1000;

export type DeadLetterTopic<T extends EventName = EventName> = `${T}.dlt`;

export interface TopicDeclaration {
  readonly name: EventName | DeadLetterTopic;
  readonly kind: 'event' | 'dead-letter';
  /** The event the topic carries, or whose failed messages it holds. */
  readonly event: EventName;
  readonly partitions: number;
  readonly retentionMs: number;
  readonly cleanupPolicy: 'delete';
  readonly description: string;
}

// Partitions bound how many consumers of one group work in parallel (keys are contracts, or
// clients for collections); 6 leaves room to scale each service out without repartitioning,
// which would move keys between partitions and break their ordering.
export const EVENT_TOPIC_PARTITIONS = 6;
// Consumers that rebuild a read model or a new webhook subscriber replay from here; a month
// covers a late-starting consumer and a month-end close.
export const EVENT_TOPIC_RETENTION_MS = 30 * DAY_MS;
// Dead letters are rare and replayed by hand, so fewer partitions; kept as long as the events so
// a failure found at month-end can still be replayed.
export const DEAD_LETTER_TOPIC_PARTITIONS = 3;
export const DEAD_LETTER_TOPIC_RETENTION_MS = 30 * DAY_MS;

/** The dead-letter topic for messages of `topic` that keep failing: `<topic>.dlt`. */
export function deadLetterTopicOf<T extends EventName>(topic: T): DeadLetterTopic<T> {
  // Auto-creation is off, so a name outside the catalogue would make a producer wait for a topic
  // that never appears; refuse it instead.
  if (!isEventName(topic)) throw new UnknownEventError(`"${String(topic)}" is not an event topic`);
  return `${topic}.dlt`;
}

/**
 * Every topic the system uses: one per event (topic name = event name) and its dead-letter topic.
 * Topics are created from this list because broker auto-creation is off, so it must be complete.
 */
export const TOPICS: readonly TopicDeclaration[] = Object.freeze([
  ...EVENT_NAMES.map(
    (event): TopicDeclaration => ({
      name: event,
      kind: 'event',
      event,
      partitions: EVENT_TOPIC_PARTITIONS,
      retentionMs: EVENT_TOPIC_RETENTION_MS,
      cleanupPolicy: 'delete',
      description: `${event} events.`,
    }),
  ),
  ...EVENT_NAMES.map(
    (event): TopicDeclaration => ({
      name: deadLetterTopicOf(event),
      kind: 'dead-letter',
      event,
      partitions: DEAD_LETTER_TOPIC_PARTITIONS,
      retentionMs: DEAD_LETTER_TOPIC_RETENTION_MS,
      cleanupPolicy: 'delete',
      description: `${event} messages a consumer could not apply after its retries, with the error; replayable.`,
    }),
  ),
]);
