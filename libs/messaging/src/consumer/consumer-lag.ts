import type { Admin } from 'kafkajs';

export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  /** Messages on the partition after the group's committed offset. */
  readonly lag: number;
}

/**
 * A consumer group's lag per partition, as kafka-exporter reports it: the partition's end offset
 * minus the group's committed offset, or minus the partition's start when the group has not
 * committed yet (it reads from the beginning).
 */
export async function readConsumerLag(admin: Admin, groupId: string, topics: readonly string[]): Promise<PartitionLag[]> {
  const committed = await retryWhileRetriable(() => admin.fetchOffsets({ groupId, topics: [...topics] }));
  const lags: PartitionLag[] = [];
  for (const { topic, partitions } of committed) {
    const ends = await retryWhileRetriable(() => admin.fetchTopicOffsets(topic));
    for (const end of ends) {
      const groupOffset = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
      const from = BigInt(groupOffset) >= 0n ? BigInt(groupOffset) : BigInt(end.low);
      const lag = BigInt(end.high) - from;
      lags.push({ topic, partition: end.partition, lag: Number(lag > 0n ? lag : 0n) });
    }
  }
  return lags;
}

/**
 * Repeats a broker read while kafkajs calls its error retriable: the broker answers so while a
 * group's coordinator is moving or loading (a group just created) or a new partition has no
 * leader yet; a few short waits ride it out. Other errors, and the last one, are thrown.
 */
export async function retryWhileRetriable<T>(read: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * attempt, 500)));
    }
  }
}
