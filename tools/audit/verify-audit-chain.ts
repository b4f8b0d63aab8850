// Operator command: checks a service's audit chain (issue 12 "Audit log") from its first row to its
// last: every row links to the one before and hashes to what it says.
//   node dist/tools/audit/verify-audit-chain.js --schema invoicing
// DATABASE_URL (default the local stack's database) names the database. Exit code 0 when intact,
// 2 when the chain is broken (the row and why are printed), 1 when it cannot be read.
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditLog } from '@mb/platform';

const SCHEMAS = ['contract', 'milestone', 'invoicing', 'notification', 'collections'];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { schema: { type: 'string' } } });
  const schema = values.schema;
  if (!schema || !SCHEMAS.includes(schema)) throw new Error(`--schema is required: one of ${SCHEMAS.join(', ')}`);
  const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/milestone_billing' });
  await dataSource.initialize();
  try {
    const verdict = await new AuditLog(schema).verify(dataSource.manager);
    if (verdict.intact) {
      console.log(`${schema}: audit chain intact (${verdict.entries} rows)`);
      return;
    }
    console.log(`${schema}: audit chain BROKEN at row ${verdict.brokenAt}: ${verdict.reason} (${verdict.entries} rows read)`);
    process.exitCode = 2;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  console.error(`verify-audit-chain: ${error.message}`);
  process.exit(1);
});
