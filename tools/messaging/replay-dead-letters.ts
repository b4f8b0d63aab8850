// Operator command: publish dead letters back to their topic once their cause is fixed, or
// discard a key's dead letter; either way the events parked behind it follow, in order.
//   node dist/tools/messaging/replay-dead-letters.js --topic invoice.issued [--event-id evt_…] [--group …] [--dry-run]
//   node dist/tools/messaging/replay-dead-letters.js --topic invoice.issued --key con_… --group invoicing-service.billing [--discard] [--dry-run]
// KAFKA_BROKERS (default 127.0.0.1:9092) names the cluster; it logs in as KAFKA_SASL_USERNAME /
// KAFKA_SASL_PASSWORD, a user that may read dead-letter topics and write every event topic (the
// admin: default, the local stack's admin user and its KAFKA_ADMIN_PASSWORD or local password).
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { deadLetterTopicOf, isEventName } from '@mb/events';
import { replayDeadLetters } from '@mb/messaging';
import { KAFKA_ADMIN_PRINCIPAL, kafkaCredentialsOf } from '@mb/devstack';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      topic: { type: 'string' },
      'event-id': { type: 'string' },
      group: { type: 'string' },
      key: { type: 'string' },
      discard: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const topic = values.topic?.replace(/\.dlt$/, '');
  if (!topic || !isEventName(topic)) {
    throw new Error('--topic is required: the event topic whose dead letters to replay, e.g. invoice.issued');
  }
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const localAdmin = kafkaCredentialsOf(KAFKA_ADMIN_PRINCIPAL);
  const kafka = new Kafka({
    clientId: 'replay-dead-letters',
    brokers,
    sasl: {
      mechanism: 'scram-sha-512',
      username: process.env.KAFKA_SASL_USERNAME ?? localAdmin.username,
      password: process.env.KAFKA_SASL_PASSWORD ?? localAdmin.password,
    },
    ssl: process.env.KAFKA_TLS === 'enabled',
    logLevel: logLevel.WARN,
  });
  const replayed = await replayDeadLetters({
    kafka,
    deadLetterTopic: deadLetterTopicOf(topic),
    eventId: values['event-id'],
    consumerGroup: values.group,
    key: values.key,
    discard: values.discard,
    dryRun: values['dry-run'],
  });
  const verb = values.discard ? 'discard' : 'replay';
  for (const message of replayed) {
    console.log(
      `${values['dry-run'] ? `would ${verb}` : `${verb}ed`} ${message.eventId ?? '(no id)'} of key ${message.key ?? '(none)'} on ${message.sourceTopic} (group ${message.consumerGroup}, ${message.reason}: ${message.error})`,
    );
  }
  console.log(`${replayed.length} dead letter(s) ${values['dry-run'] ? 'matched' : `${verb}ed`}`);
}

main().catch((error: Error) => {
  console.error(`replay-dead-letters: ${error.message}`);
  process.exit(1);
});
