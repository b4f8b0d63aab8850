import { Consumer, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import type { EventEnvelope, EventName } from '@mb/events';
import { testInfrastructure, uniqueName } from '@mb/testing';

/** Publishes envelopes straight to their topics, as the producing service's relay would. */
export class EventPublisher {
  private constructor(private readonly producer: Producer) {}

  static async connect(kafka: Kafka): Promise<EventPublisher> {
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    await producer.connect();
    return new EventPublisher(producer);
  }

  async publish<N extends EventName>(envelope: EventEnvelope<N>, key: string): Promise<void> {
    await this.producer.send({
      topic: envelope.event,
      messages: [{ key, value: JSON.stringify(envelope), headers: { 'event-version': '1', 'content-type': 'application/json' } }],
    });
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

export interface ReadEvent {
  readonly topic: string;
  readonly key: string;
  readonly envelope: { event: string; id: string; data: Record<string, unknown> };
}

/** Reads topics from the beginning into memory; tests filter by their own ids (topics are shared). */
export class TopicReader {
  readonly events: ReadEvent[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(kafka: Kafka, topics: EventName[]): Promise<TopicReader> {
    const consumer = kafka.consumer({ groupId: uniqueName('reader') });
    const reader = new TopicReader(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        reader.events.push({ topic, key: message.key?.toString() ?? '', envelope: JSON.parse(message.value?.toString() ?? '{}') });
      },
    });
    return reader;
  }

  about(event: EventName, field: string, value: string): ReadEvent[] {
    return this.events.filter((read) => read.topic === event && read.envelope.data[field] === value);
  }

  async close(): Promise<void> {
    await this.consumer.disconnect();
  }
}

export function testKafka(): Kafka {
  return new Kafka({ clientId: uniqueName('collections-test'), brokers: testInfrastructure().brokers, logLevel: logLevel.NOTHING });
}

/** Polls until the probe holds or the time is up; the failure message says what was awaited. */
export async function eventually<T>(probe: () => Promise<T> | T, holds: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!holds(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await probe();
  }
  return last;
}
