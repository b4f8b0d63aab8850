import { randomBytes } from 'node:crypto';
import { Kafka, type KafkaMessage, Partitioners } from 'kafkajs';
import { DEAD_LETTER_HEADERS, deliverySourceOf, originalHeadersOf, REPLAYED_FROM_HEADER, releaseHeadersOf } from './dead-letter-headers';

export interface ReplayOptions {
  readonly kafka: Kafka;
  readonly deadLetterTopic: string;
  /** Replay only the dead letters of this event id. */
  readonly eventId?: string;
  /** Replay only what this consumer group gave up on. */
  readonly consumerGroup?: string;
  /**
   * Only the dead letter holding this key (the contract id) back: the latest one of the key per
   * consumer group. Earlier ones of the key were released before (replayed or discarded) and are
   * not sent again.
   */
  readonly key?: string;
  /**
   * Discard instead of replay: the matching dead letters are never applied, and the events parked
   * behind them are released in order. Needs `key` or `eventId`.
   */
  readonly discard?: boolean;
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
  readonly key: string | undefined;
}

/**
 * Publishes dead letters back to the topic they came from, with their original key, value and
 * headers, plus `replayed-from` and the release headers (dead-letter-headers.ts): the group that
 * gave up on one applies it and then releases the events parked behind it, in order. A discard
 * publishes the same message marked `release-action: discard`: that group applies nothing of it but
 * releases the parked events; every other group skips it. It reads the dead-letter topic from its
 * beginning to its current end without a consumer group of its own, so nothing is "used up":
 * replaying twice is safe because every consumer's inbox skips an event it has already applied.
 */
export async function replayDeadLetters(options: ReplayOptions): Promise<ReplayedMessage[]> {
  if (options.discard && options.key === undefined && options.eventId === undefined) {
    throw new Error('a discard names the key or the event id of the dead letter to discard');
  }
  const matching = await readMatchingDeadLetters(options);
  const chosen = options.key === undefined ? matching : latestPerConsumerGroup(matching);
  if (chosen.length === 0 || options.dryRun) return chosen.map(({ replayed }) => replayed);

  const producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    for (const { replayed, message, headers, deadLetterPartition } of chosen) {
      await producer.send({
        topic: replayed.sourceTopic,
        acks: -1,
        messages: [
          {
            key: message.key,
            value: message.value,
            headers: {
              ...originalHeadersOf(headers),
              [REPLAYED_FROM_HEADER]: `${options.deadLetterTopic}/${deadLetterPartition}/${message.offset}`,
              ...releaseHeadersOf({
                consumerGroup: replayed.consumerGroup,
                deadLetterSource: deliverySourceOf(
                  replayed.sourceTopic,
                  Number(headers[DEAD_LETTER_HEADERS.sourcePartition]),
                  headers[DEAD_LETTER_HEADERS.sourceOffset] ?? '',
                ),
                action: options.discard ? 'discard' : 'replay',
              }),
            },
          },
        ],
      });
    }
  } finally {
    await producer.disconnect();
  }
  return chosen.map(({ replayed }) => replayed);
}

interface MatchingDeadLetter {
  readonly replayed: ReplayedMessage;
  readonly message: KafkaMessage;
  readonly headers: Record<string, string>;
  readonly deadLetterPartition: number;
}

async function readMatchingDeadLetters(options: ReplayOptions): Promise<MatchingDeadLetter[]> {
  const admin = options.kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(options.deadLetterTopic);
  await admin.disconnect();
  const remaining = new Map(ends.filter((end) => BigInt(end.high) > BigInt(end.low)).map((end) => [end.partition, BigInt(end.high)]));
  const matching: MatchingDeadLetter[] = [];
  if (remaining.size === 0) return matching;

  const consumer = options.kafka.consumer({ groupId: `dead-letter-replay-${randomBytes(6).toString('hex')}` });
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
            const key = message.key?.toString('utf8');
            const matches =
              (options.eventId === undefined || options.eventId === eventId) &&
              (options.key === undefined || options.key === key) &&
              (options.consumerGroup === undefined || options.consumerGroup === headers[DEAD_LETTER_HEADERS.consumerGroup]);
            const sourceTopic = headers[DEAD_LETTER_HEADERS.sourceTopic];
            if (matches && sourceTopic) {
              matching.push({
                message,
                headers,
                deadLetterPartition: partition,
                replayed: {
                  sourceTopic,
                  eventId,
                  key,
                  consumerGroup: headers[DEAD_LETTER_HEADERS.consumerGroup] ?? '',
                  reason: headers[DEAD_LETTER_HEADERS.reason] ?? '',
                  error: headers[DEAD_LETTER_HEADERS.error] ?? '',
                  deadLetterOffset: `${partition}/${message.offset}`,
                },
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
  }
  return matching;
}

/** A key's dead letters live on one partition (keyed), so the last read is the latest, per group. */
function latestPerConsumerGroup(matching: readonly MatchingDeadLetter[]): MatchingDeadLetter[] {
  const latest = new Map<string, MatchingDeadLetter>();
  for (const deadLetter of matching) latest.set(deadLetter.replayed.consumerGroup, deadLetter);
  return [...latest.values()];
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
