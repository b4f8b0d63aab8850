import { Consumer, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { eventDefinition, partitionKeyOf, type EventEnvelopeOfAnyVersion, type EventName } from '@mb/events';
import { waitFor } from '@mb/devstack';
import { testInfrastructure, testKafkaSasl, uniqueName } from './test-infrastructure';

/**
 * How long a test's reading consumer lets a fetch wait for data. Disconnecting waits for the fetch
 * in flight, which at kafkajs's default (5 s) made every reader of a topic already read to its end
 * take 5 s longer to close.
 */
export const TEST_READER_MAX_WAIT_MS = 100;

/** A Kafka client on the suite's broker, logged in as the tests' admin user. */
export function testKafka(clientPrefix = 'test'): Kafka {
  return new Kafka({ clientId: uniqueName(clientPrefix), brokers: testInfrastructure().brokers, sasl: testKafkaSasl(), logLevel: logLevel.NOTHING });
}

/** Polls until the probe holds or the time is up; the failure message says what was awaited. */
export function eventually<T>(probe: () => Promise<T> | T, holds: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  return waitFor(async () => probe(), holds, what, timeoutMs);
}

/**
 * Publishes envelopes straight to their topics, as a producing service's relay would: keyed by
 * the event's partition key, with the catalogue's headers.
 */
export class EventPublisher {
  private constructor(private readonly producer: Producer) {}

  static async connect(kafka: Kafka = testKafka('publisher')): Promise<EventPublisher> {
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    await producer.connect();
    return new EventPublisher(producer);
  }

  /**
   * Sends the envelope with the `event-version` header of its event's current version, or of
   * `version` when given (an older version a producer may still send).
   */
  async publish<N extends EventName>(
    envelope: EventEnvelopeOfAnyVersion<N>,
    key: string = partitionKeyOf({ event: envelope.event, data: envelope.data as object }),
    version: number = eventDefinition(envelope.event).currentVersion,
  ): Promise<void> {
    await this.producer.send({
      topic: envelope.event,
      acks: -1,
      messages: [{ key, value: JSON.stringify(envelope), headers: { 'event-version': String(version), 'content-type': 'application/json' } }],
    });
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

export interface ReadEvent {
  readonly topic: string;
  readonly key: string;
  readonly headers: Record<string, string>;
  readonly envelope: { event: string; id: string; created_at: string; data: Record<string, unknown> };
}

/**
 * Reads topics from their beginning into memory. Topics are shared by every test of a run, so
 * tests filter by their own ids (`about`).
 */
export class TopicReader {
  readonly events: ReadEvent[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(kafka: Kafka, topics: EventName[]): Promise<TopicReader> {
    const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: TEST_READER_MAX_WAIT_MS });
    const reader = new TopicReader(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        reader.events.push({
          topic,
          key: message.key?.toString() ?? '',
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)])),
          envelope: JSON.parse(message.value?.toString() ?? '{}'),
        });
      },
    });
    return reader;
  }

  /** The events of one topic whose data has `field` equal to `value`. */
  about(event: EventName, field: string, value: string): ReadEvent[] {
    return this.events.filter((read) => read.topic === event && read.envelope.data[field] === value);
  }

  async close(): Promise<void> {
    await this.consumer.disconnect();
  }
}

/** An event envelope as a test reads it: any JSON. */
type EventJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The envelopes on `topic` whose data matches, read from the topic's beginning up to its end as it
 * stood when called, by a consumer group of its own. Topics are shared by every suite of a run, so
 * `matches` picks the test's own (by its client or contract id).
 */
export async function readEvents(topic: string, matches: (data: EventJson) => boolean): Promise<EventJson[]> {
  const kafka = testKafka('events-reader');
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const total = ends.reduce((sum, end) => sum + Number(end.high) - Number(end.low), 0);
  if (total === 0) return [];
  const consumer = kafka.consumer({ groupId: uniqueName('events-reader'), maxWaitTimeInMs: TEST_READER_MAX_WAIT_MS });
  const seen: EventJson[] = [];
  let read = 0;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        read += 1;
        const envelope = JSON.parse(message.value?.toString() ?? '{}');
        if (matches(envelope.data ?? {})) seen.push(envelope);
      },
    });
    await waitFor(async () => read, (count) => count >= total, `all of ${topic}`);
  } finally {
    await consumer.disconnect();
  }
  return seen;
}
