// Operator command: the keys a consumer group holds back behind a dead letter, and the events
// parked behind each (issue 13), in one service's schema.
//   node dist/tools/messaging/parked-events.js --schema invoicing [--group invoicing-service.billing] [--key con_…]
// DATABASE_URL (default the local stack's database) names the database. Release a key with
// replay-dead-letters.js --key (replay) or --key --discard.
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { listBlockedKeys, listParkedEvents } from '@mb/messaging';

const SCHEMAS = ['contract', 'milestone', 'invoicing', 'notification', 'collections'];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { schema: { type: 'string' }, group: { type: 'string' }, key: { type: 'string' } } });
  const schema = values.schema;
  if (!schema || !SCHEMAS.includes(schema)) throw new Error(`--schema is required: one of ${SCHEMAS.join(', ')}`);
  const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/milestone_billing' });
  await dataSource.initialize();
  try {
    const filter = { consumerGroup: values.group, key: values.key };
    const blocked = await listBlockedKeys(dataSource, schema, filter);
    for (const block of blocked) {
      const parked = await listParkedEvents(dataSource, schema, { consumerGroup: block.consumerGroup, key: block.key, limit: 10_000 });
      console.log(
        `key ${block.key} held by group ${block.consumerGroup} since ${block.deadLetteredAt.toISOString()}: dead letter ${block.eventId ?? '(no id)'} from ${block.deadLetterSource} (${block.reason}), ${parked.length} parked`,
      );
      for (const event of parked) console.log(`  parked ${event.eventId ?? '(invalid)'} from ${event.topic}/${event.partition}/${event.offset} at ${event.parkedAt.toISOString()}`);
    }
    console.log(`${blocked.length} key(s) held back`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  console.error(`parked-events: ${error.message}`);
  process.exit(1);
});
