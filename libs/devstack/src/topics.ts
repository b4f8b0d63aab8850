import type { Admin, Kafka } from 'kafkajs';

export interface TopicDeclaration {
  readonly name: string;
  readonly partitions: number;
  readonly retentionMs: number;
}

/**
 * How many replicas must acknowledge a write (acks=all, which the relay uses) for it to succeed:
 * one less than the replication factor, at least one, at most two. With three replicas a write
 * survives one broker down and is refused, rather than kept on one disk only, when two are.
 */
export function minInSyncReplicasFor(replicationFactor: number): number {
  return Math.max(1, Math.min(2, replicationFactor - 1));
}

/**
 * Creates every declared topic that is missing and adds partitions where the declaration asks for
 * more. Never deletes or shrinks: a topic's data outlives a change of mind in the list.
 */
export async function ensureTopics(
  kafka: Kafka,
  declarations: readonly TopicDeclaration[],
  replicationFactor = 1,
): Promise<{ created: string[]; grown: string[] }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = declarations.filter((topic) => !existing.has(topic.name));
    if (missing.length > 0) {
      await admin.createTopics({
        // kafkajs's own wait fails on the "unknown topic" a broker may answer just after creation.
        waitForLeaders: false,
        topics: missing.map((topic) => ({
          topic: topic.name,
          numPartitions: topic.partitions,
          replicationFactor,
          configEntries: [
            { name: 'retention.ms', value: String(topic.retentionMs) },
            { name: 'min.insync.replicas', value: String(minInSyncReplicasFor(replicationFactor)) },
          ],
        })),
      });
      await waitForTopicLeaders(admin, missing.map((topic) => topic.name));
    }
    const present = declarations.filter((topic) => existing.has(topic.name));
    const grown: string[] = [];
    if (present.length > 0) {
      const metadata = await admin.fetchTopicMetadata({ topics: present.map((topic) => topic.name) });
      const toGrow = present.filter((topic) => {
        const current = metadata.topics.find((described) => described.name === topic.name);
        return current !== undefined && current.partitions.length < topic.partitions;
      });
      if (toGrow.length > 0) {
        await admin.createPartitions({ topicPartitions: toGrow.map((topic) => ({ topic: topic.name, count: topic.partitions })) });
        grown.push(...toGrow.map((topic) => topic.name));
      }
    }
    return { created: missing.map((topic) => topic.name), grown };
  } finally {
    await admin.disconnect();
  }
}

/** Waits until every partition of the topics has a leader, so producers can write at once. */
export async function waitForTopicLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = await admin
      .fetchTopicMetadata({ topics })
      .then((metadata) => metadata.topics.every((topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0)))
      .catch(() => false);
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`topics without leaders after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
