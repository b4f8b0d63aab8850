// One-shot job (local stack, docker-compose, Kubernetes): every declared topic and the ACLs that
// let only its producer write it. Logs in as a Kafka super user (KAFKA_SASL_USERNAME/PASSWORD).
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS, topicAccessGrants } from '@mb/events';
import { ensureTopicAcls, ensureTopics } from '@mb/devstack';

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is required (host:port[,host:port])');
  const username = process.env.KAFKA_SASL_USERNAME;
  const password = process.env.KAFKA_SASL_PASSWORD;
  if (!username || !password) throw new Error('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required (a Kafka super user)');
  const kafka = new Kafka({
    clientId: 'create-topics',
    brokers,
    sasl: { mechanism: 'scram-sha-512', username, password },
    ssl: process.env.KAFKA_TLS === 'enabled',
    logLevel: logLevel.WARN,
  });
  const { created, grown } = await ensureTopics(kafka, TOPICS, Number(process.env.REPLICATION_FACTOR ?? 1));
  const acls = await ensureTopicAcls(kafka, topicAccessGrants());
  console.log(`topics: ${TOPICS.length} declared, ${created.length} created, ${grown.length} grown; ${acls} ACLs ensured`);
}

main().catch((error: Error) => {
  console.error(`create-topics: ${error.message}`);
  process.exit(1);
});
