import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
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
  return new Kafka({ clientId: uniqueName('notification-test'), brokers: testInfrastructure().brokers, logLevel: logLevel.NOTHING });
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

/** An SMTP server in the test process collecting what it is sent, parsed. */
export async function aMailbox(): Promise<{ port: number; mails: ParsedMail[]; to(address: string): ParsedMail[]; close(): Promise<void> }> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    to: (address) => mails.filter((mail) => addressesOf(mail).includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addressesOf(mail: ParsedMail): string[] {
  const to = mail.to === undefined ? [] : Array.isArray(mail.to) ? mail.to : [mail.to];
  return to.flatMap((group) => group.value.map((address) => address.address ?? ''));
}

export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly answered: number;
}

/** An HTTP receiver answering each path with the given status codes in turn (then 200). */
export async function aWebhookReceiver(): Promise<{ url(path: string): string; answer(path: string, statuses: number[]): void; received(path: string): ReceivedWebhook[]; close(): Promise<void> }> {
  const received: ReceivedWebhook[] = [];
  const scripts = new Map<string, number[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const status = scripts.get(path)?.shift() ?? 200;
      received.push({ path, headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8'), answered: status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    answer: (path, statuses) => void scripts.set(path, [...statuses]),
    received: (path) => received.filter((request) => request.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
