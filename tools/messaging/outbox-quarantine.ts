// Operator command: the outbox rows Kafka refused for good (too large, unknown topic, invalid record),
// which the relay set aside with their error while the rest flowed (later events of the same topic
// and key wait behind them).
//   node dist/tools/messaging/outbox-quarantine.js list    --schema invoicing
//   node dist/tools/messaging/outbox-quarantine.js replay  --schema invoicing [--event-id evt_…]
//   node dist/tools/messaging/outbox-quarantine.js discard --schema invoicing --event-id evt_…
// replay puts rows back in line at their original position once the cause is fixed (the topic
// created, the broker's limit raised); discard marks a row published without sending it, and the
// events held behind it flow. DATABASE_URL (default the local stack's database) names the database.
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { discardQuarantinedOutboxRows, listQuarantinedOutboxRows, replayQuarantinedOutboxRows } from '@mb/messaging';

const SCHEMAS = ['contract', 'milestone', 'invoicing', 'notification', 'collections'];
const COMMANDS = ['list', 'replay', 'discard'];

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { schema: { type: 'string' }, 'event-id': { type: 'string' } } });
  const [command] = positionals;
  const schema = values.schema;
  const eventId = values['event-id'];
  if (!COMMANDS.includes(command)) throw new Error(`a command is required: one of ${COMMANDS.join(', ')}`);
  if (!schema || !SCHEMAS.includes(schema)) throw new Error(`--schema is required: one of ${SCHEMAS.join(', ')}`);
  // Discarding loses an event for good: only one named event at a time.
  if (command === 'discard' && !eventId) throw new Error('discard needs --event-id');
  const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/milestone_billing' });
  await dataSource.initialize();
  try {
    if (command === 'list') {
      const rows = await listQuarantinedOutboxRows(dataSource, { schema, eventId });
      for (const row of rows) {
        console.log(`${row.eventId} ${row.topic} key=${row.partitionKey} ${row.bytes} bytes, quarantined ${row.quarantinedAt.toISOString()}, ${row.heldBehind} held behind: ${row.error}`);
      }
      console.log(`${rows.length} quarantined row(s) in ${schema}.outbox`);
      return;
    }
    const changed = command === 'replay' ? await replayQuarantinedOutboxRows(dataSource, { schema, eventId }) : await discardQuarantinedOutboxRows(dataSource, { schema, eventId });
    for (const id of changed) console.log(`${command === 'replay' ? 'replayed' : 'discarded'} ${id}`);
    console.log(`${changed.length} row(s) ${command === 'replay' ? 'back in line' : 'discarded'}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  console.error(`outbox-quarantine: ${error.message}`);
  process.exit(1);
});
