import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { EVENT_NAMES, type EventName } from '@mb/events';
import { createLogger } from '@mb/observability';
import { createTestTopics, eventually, messagingTablesSql, testAdminDatabaseUrl, testInfrastructure, testKafkaSasl, uniqueName, TEST_READER_MAX_WAIT_MS } from '@mb/testing';
import { prefixedTopicNaming, retryWhileRetriable, TopicNaming } from '../../src';

/**
 * A schema and a set of topics of a test's own, on the suite's real PostgreSQL and Kafka: the
 * schema has the outbox and inbox tables every service has, plus a `ledger` table standing for a
 * producer's state and an `effects` table standing for a consumer's.
 */
export interface MessagingTestKit {
  readonly schema: string;
  readonly dataSource: DataSource;
  readonly databaseUrl: string;
  readonly kafka: Kafka;
  readonly naming: TopicNaming;
  readonly logger: ReturnType<typeof createLogger>;
  topicOf(event: EventName): string;
  close(): Promise<void>;
}

export async function aMessagingTestKit(events: readonly EventName[] = EVENT_NAMES, partitions = 6): Promise<MessagingTestKit> {
  const schema = uniqueName('msg');
  const databaseUrl = testAdminDatabaseUrl();
  const dataSource = new DataSource({ type: 'postgres', url: databaseUrl, poolSize: 5 });
  await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA ${schema}`);
  for (const statement of messagingTablesSql(schema)) await dataSource.query(statement);
  await dataSource.query(`CREATE TABLE ${schema}.ledger (contract_id text PRIMARY KEY, amount_cents bigint NOT NULL)`);
  await dataSource.query(
    `CREATE TABLE ${schema}.effects (seq bigserial PRIMARY KEY, event_id text NOT NULL, contract_id text NOT NULL, milestone_index int NOT NULL)`,
  );

  const kafka = new Kafka({ clientId: schema, brokers: testInfrastructure().brokers, sasl: testKafkaSasl(), logLevel: logLevel.NOTHING });
  const naming = prefixedTopicNaming(`${schema}.`);
  await createTestTopics(
    kafka,
    events.flatMap((event) => [
      { topic: naming.topicOf(event), numPartitions: partitions },
      { topic: naming.deadLetterTopicOf(naming.topicOf(event)), numPartitions: 1 },
    ]),
  );

  const logger = createLogger(`test-${schema}`, process.env.TEST_LOG_LEVEL ?? 'silent');
  return {
    schema,
    dataSource,
    databaseUrl,
    kafka,
    naming,
    logger,
    topicOf: (event) => naming.topicOf(event),
    async close() {
      await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
      await dataSource.destroy();
    },
  };
}

export { eventually } from '@mb/testing';

/** How many messages a topic holds across its partitions. */
export async function messageCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // A partition created a moment ago may briefly have no leader that answers offsets.
    const offsets = await retryWhileRetriable(() => admin.fetchTopicOffsets(topic), 15);
    return offsets.reduce((total, partition) => total + Number(partition.high) - Number(partition.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Every message of a topic from the beginning, read with a throwaway consumer. */
export async function readAll(kafka: Kafka, topic: string, expected: number): Promise<{ key: string; value: string; headers: Record<string, string>; partition: number }[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: TEST_READER_MAX_WAIT_MS });
  const messages: { key: string; value: string; headers: Record<string, string>; partition: number }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      messages.push({
        key: message.key?.toString() ?? '',
        value: message.value?.toString() ?? '',
        headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)])),
        partition,
      });
    },
  });
  try {
    await eventually(async () => messages.length, (count) => count >= expected, `${expected} messages on ${topic}`);
  } finally {
    await consumer.disconnect();
  }
  return messages;
}
