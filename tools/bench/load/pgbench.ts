// The machine's yardstick: pgbench's single-row INSERT at 16 clients, on a database of its own, so
// a run's approvals per second can be compared with what PostgreSQL alone does on the same machine
// at the same moment.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withPgClient } from '@mb/devstack';
import { benchDatabase } from '../bench-report';

const PGBENCH_CANDIDATES = ['/usr/lib/postgresql/15/bin/pgbench', '/usr/lib/postgresql/16/bin/pgbench', '/usr/lib/postgresql/17/bin/pgbench', 'pgbench'];

export interface PgbenchResult {
  readonly transactionsPerSecond: number;
  readonly clients: number;
  readonly seconds: number;
}

/** Runs `INSERT INTO bench_insert (value) VALUES (1)` from `clients` clients for `seconds`; drops its database after. */
export async function runPgbenchInsert(adminUrl: string, databaseName: string, options: { clients?: number; seconds?: number } = {}): Promise<PgbenchResult> {
  const clients = options.clients ?? 16;
  const seconds = options.seconds ?? 10;
  const pgbench = PGBENCH_CANDIDATES.find((candidate) => candidate === 'pgbench' || existsSync(candidate)) as string;
  const database = benchDatabase(adminUrl, databaseName);
  await database.recreate();
  const directory = mkdtempSync(join(tmpdir(), 'bench-pgbench-'));
  try {
    await withPgClient(database.url(), (client) => client.query('CREATE TABLE bench_insert (id bigserial PRIMARY KEY, value integer NOT NULL)'));
    const script = join(directory, 'insert.sql');
    writeFileSync(script, 'INSERT INTO bench_insert (value) VALUES (1);\n');
    const url = new URL(database.url());
    const output = execFileSync(
      pgbench,
      ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', script, '-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username) || 'postgres', databaseName],
      { encoding: 'utf8', env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) } },
    );
    const tps = /tps = ([\d.]+)/.exec(output)?.[1];
    if (tps === undefined) throw new Error(`pgbench printed no tps:\n${output}`);
    return { transactionsPerSecond: Number(tps), clients, seconds };
  } finally {
    rmSync(directory, { recursive: true, force: true });
    await database.drop();
  }
}
