import { randomBytes } from 'node:crypto';
import { Kafka, Partitioners } from 'kafkajs';
import { DEAD_LETTER_HEADERS, originalHeadersOf, REPLAYED_FROM_HEADER } from './dead-letter-headers';

export interface ReplayOptions {
  readonly kafka: Kafka;
  readonly deadLetterTopic: string;
  /** Replay only the dead letters of this event id. */
  readonly eventId?: string;
  /** Replay only what this consumer group gave up on. */
  readonly consumerGroup?: string;
  /** Show what would be replayed without publishing. */
  readonly dryRun?: boolean;
}

export interface ReplayedMessage {
  readonly sourceTopic: string;
  readonly eventId: string | undefined;
  readonly consumerGroup: string;
  readonly reason: string;
  readonly error: string;
  readonly deadLetterOffset: string;
}

/**
 * Publishes dead letters back to the topic they came from, with their original key, value and
 * headers. It reads the dead-letter topic from its beginning to its current end without a
 * consumer group of its own, so nothing is "used up": replaying twice is safe because every
 * consumer's inbox skips an event it has already applied, and only the group that failed applies it.
 */
export async function replayDeadLetters(options: ReplayOptions): Promise<ReplayedMessage[]> {
  const admin = options.kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(options.deadLetterTopic);
  await admin.disconnect();
  const remaining = new Map(ends.filter((end) => BigInt(end.high) > BigInt(end.low)).map((end) => [end.partition, BigInt(end.high)]));
  const replayed: ReplayedMessage[] = [];
  if (remaining.size === 0) return replayed;

  const producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = options.kafka.consumer({ groupId: `dead-letter-replay-${randomBytes(6).toString('hex')}` });
  await producer.connect();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: options.deadLetterTopic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
            const eventId = eventIdOf(message.value);
            const matches =
              (options.eventId === undefined || options.eventId === eventId) &&
              (options.consumerGroup === undefined || options.consumerGroup === headers[DEAD_LETTER_HEADERS.consumerGroup]);
            const sourceTopic = headers[DEAD_LETTER_HEADERS.sourceTopic];
            if (matches && sourceTopic) {
              if (!options.dryRun) {
                await producer.send({
                  topic: sourceTopic,
                  acks: -1,
                  messages: [
                    {
                      key: message.key,
                      value: message.value,
                      headers: { ...originalHeadersOf(headers), [REPLAYED_FROM_HEADER]: `${options.deadLetterTopic}/${partition}/${message.offset}` },
                    },
                  ],
                });
              }
              replayed.push({
                sourceTopic,
                eventId,
                consumerGroup: headers[DEAD_LETTER_HEADERS.consumerGroup] ?? '',
                reason: headers[DEAD_LETTER_HEADERS.reason] ?? '',
                error: headers[DEAD_LETTER_HEADERS.error] ?? '',
                deadLetterOffset: `${partition}/${message.offset}`,
              });
            }
            const end = remaining.get(partition);
            if (end !== undefined && BigInt(message.offset) + 1n >= end) remaining.delete(partition);
            if (remaining.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
  return replayed;
}

function eventIdOf(value: Buffer | null): string | undefined {
  try {
    const parsed: unknown = JSON.parse(value?.toString('utf8') ?? '');
    const id = (parsed as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
