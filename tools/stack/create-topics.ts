// One-shot job (local stack, docker-compose, Kubernetes): every declared topic, nothing else.
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS } from '@mb/events';
import { ensureTopics } from '@mb/devstack';

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is required (host:port[,host:port])');
  const kafka = new Kafka({ clientId: 'create-topics', brokers, logLevel: logLevel.WARN });
  const { created, grown } = await ensureTopics(kafka, TOPICS, Number(process.env.REPLICATION_FACTOR ?? 1));
  console.log(`topics: ${TOPICS.length} declared, ${created.length} created, ${grown.length} grown`);
}

main().catch((error: Error) => {
  console.error(`create-topics: ${error.message}`);
  process.exit(1);
});
