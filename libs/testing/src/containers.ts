import { KafkaContainer } from '@testcontainers/kafka';
import { PostgreSqlContainer } from '@testcontainers/postgresql';

/**
 * PostgreSQL and Kafka from testcontainers, for machines with a Docker engine. The machine-local
 * path in global-setup.ts is the one CI uses here; both give the tests the same three values.
 */
export async function startContainers(say: (line: string) => void): Promise<{ adminUrl: string; brokers: string[]; stop: () => Promise<void> }> {
  say('starting PostgreSQL and Kafka containers (testcontainers)');
  const [postgres, kafka] = await Promise.all([
    new PostgreSqlContainer('postgres:17').withUsername('postgres').withPassword('postgres').start(),
    new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(),
  ]);
  const adminUrl = `postgres://postgres:postgres@${postgres.getHost()}:${postgres.getPort()}/postgres`;
  const brokers = [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`];
  return {
    adminUrl,
    brokers,
    stop: async () => {
      await Promise.all([kafka.stop(), postgres.stop()]);
    },
  };
}
