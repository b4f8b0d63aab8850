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
  const committed = await retryingWhileRetriable(() => admin.fetchOffsets({ groupId, topics: [...topics] }));
  const lags: PartitionLag[] = [];
  for (const { topic, partitions } of committed) {
    const ends = await admin.fetchTopicOffsets(topic);
    for (const end of ends) {
      const groupOffset = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
      const from = BigInt(groupOffset) >= 0n ? BigInt(groupOffset) : BigInt(end.low);
      const lag = BigInt(end.high) - from;
      lags.push({ topic, partition: end.partition, lag: Number(lag > 0n ? lag : 0n) });
    }
  }
  return lags;
}

// The broker answers NOT_COORDINATOR or COORDINATOR_LOAD_IN_PROGRESS (retriable) while a group's
// coordinator is moving or loading, e.g. for a group just created; a few short waits ride it out.
async function retryingWhileRetriable<T>(read: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
