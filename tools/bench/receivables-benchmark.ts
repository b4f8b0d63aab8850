// Benchmark of the receivables reports (issue 10 item 6): how long each report takes over 100,000
// invoices. Brings up a database of its own, migrates invoicing's schema into it, seeds it in SQL,
// times each report as the API computes it (the same query classes and domain code, without HTTP),
// writes docs/benchmarks.md, and drops the database. Never part of the test suite.
//   scripts/bench-receivables.sh [--invoices 100000] [--runs 5] [--timeout-seconds 900] [--no-docs] [--keep-database]
// PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the superuser.
//
// The portfolio: 10 invoices per contract, 2,000 clients in usd, eur and jpy, in four time zones;
// 15 % drafts, 45 % open (a third of them partly paid), 40 % paid (from 10 days early to 35 late);
// issue dates over the 400 days to the benchmark's today, net-30.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import type { Clock } from '@mb/kernel';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { createServiceDataSource, migrate } from '@mb/platform';
import { ensurePostgresRunning, repositoryRoot, withPgClient } from '@mb/devstack';
import { InvoiceListQueries } from '../../apps/invoicing-service/src/application/queries/invoice-list.queries';
import { aSeller } from '../../apps/invoicing-service/src/domain/documents/e-invoice.fixtures';
import { ReceivablesReports } from '../../apps/invoicing-service/src/application/queries/receivables-reports.queries';
import { csvFile } from '../../apps/invoicing-service/src/api/http/csv-file.response';
import { AGING_CSV_HEADER, agingCsvRows, agingReportResponseOf } from '../../apps/invoicing-service/src/api/http/receivables-reports.response';
import { ContractTermsEntity } from '../../apps/invoicing-service/src/infrastructure/persistence/contract-terms.orm-entity';
import { InvoiceEntity } from '../../apps/invoicing-service/src/infrastructure/persistence/invoice.orm-entity';
import { invoicingMigrations } from '../../apps/invoicing-service/src/infrastructure/persistence/migrations';
import { TypeOrmInvoiceListSource } from '../../apps/invoicing-service/src/infrastructure/persistence/typeorm-invoice-list.queries';
import { TypeOrmInvoiceDisputeRepository } from '../../apps/invoicing-service/src/infrastructure/persistence/typeorm-invoice-dispute.repository';
import { TypeOrmReceivablesReportSource } from '../../apps/invoicing-service/src/infrastructure/persistence/typeorm-receivables-report.queries';
import { benchDatabase, gitCommit, hostMachine, ms, writeMarkedSection } from './bench-report';

const DATABASE = 'mb_bench_receivables';
const SCHEMA = 'invoicing';
const SECTION_START = '<!-- receivables-benchmark:start -->';
const SECTION_END = '<!-- receivables-benchmark:end -->';
const AFTER_SECTION = '<!-- timers-benchmark:end -->';
/** The benchmark's today: every date of the seed is relative to it, so runs compare. */
const TODAY = '2026-12-04';
const NOW = new Date(`${TODAY}T12:00:00Z`);
const INVOICES_PER_CONTRACT = 10;
const CLIENTS = 2_000;

const say = (line: string) => console.log(`[bench-receivables] ${line}`);
const n = (value: number) => value.toLocaleString('en-US');

interface Settings {
  readonly invoices: number;
  readonly runs: number;
  readonly timeoutSeconds: number;
  readonly adminUrl: string;
  readonly writeDocs: boolean;
  /** Leave the seeded database for a look at the plans (EXPLAIN); the next run drops it. */
  readonly keepDatabase: boolean;
}

function settingsFrom(argv: string[], env: NodeJS.ProcessEnv): Settings {
  const { values } = parseArgs({
    args: argv,
    allowNegative: true,
    options: { invoices: { type: 'string' }, runs: { type: 'string' }, 'timeout-seconds': { type: 'string' }, docs: { type: 'boolean', default: true }, 'keep-database': { type: 'boolean', default: false } },
  });
  const count = (name: string, text: string | undefined, fallback: number): number => {
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, not ${text}`);
    return value;
  };
  return {
    invoices: count('invoices', values.invoices ?? env.BENCH_INVOICES, 100_000),
    runs: count('runs', values.runs ?? env.BENCH_RUNS, 5),
    timeoutSeconds: count('timeout-seconds', values['timeout-seconds'] ?? env.BENCH_TIMEOUT_SECONDS, 900),
    adminUrl: env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    writeDocs: values.docs ?? true,
    keepDatabase: values['keep-database'] ?? false,
  };
}

/** Seeds contracts, invoices and payments in three INSERT … SELECT statements. */
async function seed(dataSource: DataSource, invoices: number): Promise<{ open: number; paid: number; drafts: number; payments: number; contracts: number }> {
  const contracts = Math.ceil(invoices / INVOICES_PER_CONTRACT);
  await dataSource.query(
    `INSERT INTO invoicing.contracts (contract_id, client_id, client_name, client_time_zone, title, currency, total_value_cents, net_days, tax_rate_bps,
                                     retainage_bps, purchase_order_ref, schedule_version, activated_at)
     SELECT 'con_B' || lpad(c::text, 8, '0'), 'cli_B' || lpad((c % $2)::text, 6, '0'), 'Client ' || (c % $2),
            (ARRAY['UTC', 'America/Los_Angeles', 'Europe/Berlin', 'Pacific/Auckland'])[(c % $2) % 4 + 1], 'Contract ' || c,
            CASE WHEN (c % $2) % 10 < 6 THEN 'usd' WHEN (c % $2) % 10 < 9 THEN 'eur' ELSE 'jpy' END,
            0, 30, 800, 0, NULL, 1, $3::timestamptz - interval '400 days'
       FROM generate_series(1, $1) AS c`,
    [contracts, CLIENTS, NOW.toISOString()],
  );
  // status by g % 20: 0–2 draft, 3–11 open, 12–19 paid. Amounts: 1,000.00 to 10,000.00 + 8 % tax.
  await dataSource.query(
    `WITH rows AS (
       SELECT g, contract.contract_id, contract.client_id, contract.client_name, contract.client_time_zone, contract.currency, contract.title,
              ((g - 1) % ${INVOICES_PER_CONTRACT}) + 1 AS milestone_index,
              CASE WHEN g % 20 < 3 THEN 'draft' WHEN g % 20 < 12 THEN 'open' ELSE 'paid' END AS status,
              100000 + (g * 7919) % 900000 AS subtotal,
              $2::date - ((g * 37) % 400) AS issue_date
         FROM generate_series(1, $1) AS g
         JOIN invoicing.contracts contract ON contract.contract_id = 'con_B' || lpad((((g - 1) / ${INVOICES_PER_CONTRACT}) + 1)::text, 8, '0')
     ), priced AS (
       SELECT rows.*, subtotal * 8 / 100 AS tax, subtotal + subtotal * 8 / 100 AS total,
              least(issue_date + 30 + ((g % 45) - 10), $2::date) AS paid_on
         FROM rows
     )
     INSERT INTO invoicing.invoices (id, number, status, contract_id, client_id, client_name, client_time_zone, contract_title, purchase_order_ref,
                                     milestone_index, milestone_title, currency, net_days, tax_rate_bps, retainage_bps, lines, subtotal_cents, tax_cents,
                                     retainage_cents, total_cents, payable_cents, amount_paid_cents, payment_ids, issue_date, due_date, paid_at, version)
     SELECT 'inv_B' || lpad(g::text, 8, '0'),
            CASE WHEN status = 'draft' THEN NULL ELSE 'INV-' || to_char(issue_date, 'YYYY') || '-' || lpad(g::text, 6, '0') END,
            status, contract_id, client_id, client_name, client_time_zone, title, NULL, milestone_index, 'Milestone ' || milestone_index, currency, 30, 800, 0,
            jsonb_build_array(jsonb_build_object('line_number', 1, 'description', 'Milestone ' || milestone_index, 'amount_cents', subtotal,
                                                 'tax_rate_bps', 800, 'tax_cents', tax, 'retainage_bps', 0, 'retainage_cents', 0)),
            subtotal, tax, 0, total, total,
            CASE WHEN status = 'paid' THEN total WHEN status = 'open' AND g % 3 = 0 THEN total / 2 ELSE 0 END,
            CASE WHEN status = 'paid' OR (status = 'open' AND g % 3 = 0) THEN ARRAY['pay_B' || lpad(g::text, 8, '0')] ELSE '{}'::text[] END,
            CASE WHEN status = 'draft' THEN NULL ELSE issue_date END,
            CASE WHEN status = 'draft' THEN NULL ELSE issue_date + 30 END,
            CASE WHEN status = 'paid' THEN (paid_on::timestamp + interval '12 hours') AT TIME ZONE client_time_zone END,
            1
       FROM priced`,
    [invoices, TODAY],
  );
  await dataSource.query(
    `INSERT INTO invoicing.payments (id, invoice_id, contract_id, client_id, currency, amount_cents, received_on, reference, recorded_at)
     SELECT payment_ids[1], id, contract_id, client_id, currency, amount_paid_cents,
            CASE WHEN status = 'paid' THEN (paid_at AT TIME ZONE client_time_zone)::date ELSE issue_date + 10 END,
            NULL, $1::timestamptz
       FROM invoicing.invoices WHERE amount_paid_cents > 0`,
    [NOW.toISOString()],
  );
  await dataSource.query(
    `UPDATE invoicing.contracts contract SET total_value_cents = sums.value
       FROM (SELECT contract_id, sum(subtotal_cents) AS value FROM invoicing.invoices GROUP BY contract_id) sums
      WHERE sums.contract_id = contract.contract_id`,
  );
  // As autovacuum leaves a table that has settled: statistics, and the visibility map that lets the
  // covering indexes answer without visiting the table.
  await dataSource.query('VACUUM (ANALYZE) invoicing.contracts, invoicing.invoices, invoicing.payments');
  const [counts] = (await dataSource.query(
    `SELECT count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE status = 'paid')::int AS paid,
            count(*) FILTER (WHERE status = 'draft')::int AS drafts, (SELECT count(*)::int FROM invoicing.payments) AS payments
       FROM invoicing.invoices`,
  )) as { open: number; paid: number; drafts: number; payments: number }[];
  return { ...counts, contracts };
}

interface Timing {
  readonly report: string;
  readonly what: string;
  readonly medianMs: number;
  readonly maxMs: number;
  readonly rows: string;
}

async function timed(runs: number, report: string, what: string, work: () => Promise<string>): Promise<Timing> {
  let rows = await work(); // warm-up: plans and caches, as a running service has them
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    rows = await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const timing = { report, what, medianMs: samples[Math.floor(samples.length / 2)], maxMs: samples[samples.length - 1], rows };
  say(`${report}: median ${ms(timing.medianMs)}, max ${ms(timing.maxMs)} (${rows})`);
  return timing;
}

async function measure(dataSource: DataSource, runs: number): Promise<Timing[]> {
  const unitOfWork = new TypeOrmUnitOfWork(dataSource);
  const clock: Clock = { now: () => NOW };
  const reports = new ReceivablesReports(new TypeOrmReceivablesReportSource(unitOfWork), clock);
  const list = new InvoiceListQueries(new TypeOrmInvoiceListSource(unitOfWork), clock, new TypeOrmInvoiceDisputeRepository(unitOfWork), aSeller());
  const aClient = 'cli_B000042';
  const timings: Timing[] = [];
  timings.push(
    await timed(runs, 'AR aging, whole portfolio', 'JSON view, as of today per client zone', async () => {
      const report = await reports.aging({});
      return `${report.rows.length} rows, ${report.totals.length} currencies`;
    }),
  );
  timings.push(
    await timed(runs, 'AR aging, whole portfolio, CSV', 'the same, rendered to RFC 4180', async () => {
      const file = csvFile('ar-aging', AGING_CSV_HEADER, agingCsvRows(agingReportResponseOf(await reports.aging({}, TODAY))));
      return `${file.getHeaders().length} bytes`;
    }),
  );
  timings.push(
    await timed(runs, 'AR aging, one client', `client_id=${aClient}`, async () => {
      const report = await reports.aging({ clientId: aClient });
      return `${report.rows.length} row(s)`;
    }),
  );
  timings.push(
    await timed(runs, 'DSO and CEI, 90 days', 'whole portfolio, per currency', async () => {
      const report = await reports.collectionRatios({}, {});
      return `${report.currencies.length} currencies`;
    }),
  );
  timings.push(
    await timed(runs, 'DSO and CEI, 365 days', 'whole portfolio, per currency', async () => {
      const report = await reports.collectionRatios({}, { from: '2025-12-05', to: TODAY });
      return `${report.currencies.length} currencies`;
    }),
  );
  timings.push(
    await timed(runs, 'Unbilled, first page', '100 contracts', async () => `${(await reports.unbilled({}, null, 100)).contracts.length} contracts`),
  );
  timings.push(
    await timed(runs, 'Unbilled, every page', `all contracts, 500 a page`, async () => {
      let after: string | null = null;
      let total = 0;
      let pages = 0;
      do {
        const page = await reports.unbilled({}, after, 500);
        total += page.contracts.length;
        pages += 1;
        after = page.lastIdWhenMore;
      } while (after !== null);
      return `${total} contracts, ${pages} pages`;
    }),
  );
  timings.push(
    await timed(runs, 'Cash-flow forecast, 13 weeks', 'whole portfolio, per currency', async () => `${(await reports.cashForecast({})).currencies.length} currencies`),
  );
  timings.push(
    await timed(runs, 'Metrics scrape (the three gauged reports)', 'aging + DSO + forecast, concurrently', async () => {
      await Promise.all([reports.aging({}), reports.collectionRatios({}, {}), reports.cashForecast({})]);
      return '3 reports';
    }),
  );
  timings.push(
    await timed(runs, 'Invoice list, overdue, first page', 'overdue=true, 50 a page', async () => `${(await list.list({ overdue: true }, { after: null, limit: 50 })).invoices.length} invoices`),
  );
  timings.push(
    await timed(runs, 'Invoice list, deep page', 'status=open, 200 a page, after the 40,000th invoice', async () => {
      const page = await list.list({ status: 'open' }, { after: { contractId: 'con_B00004000', milestoneIndex: INVOICES_PER_CONTRACT, invoiceId: 'inv_' }, limit: 200 });
      return `${page.invoices.length} invoices`;
    }),
  );
  timings.push(
    await timed(runs, 'Invoice list, one client, due range', `client_id=${aClient}, due in 2026`, async () => {
      const page = await list.list({ clientId: aClient, dueFrom: '2026-01-01', dueTo: '2026-12-31' }, { after: null, limit: 200 });
      return `${page.invoices.length} invoices`;
    }),
  );
  return timings;
}

function renderSection(context: { settings: Settings; counts: Awaited<ReturnType<typeof seed>>; seedMs: number; postgres: string; loadBefore: number; commit: string }, timings: readonly Timing[]): string {
  const machine = hostMachine();
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const { counts } = context;
  return [
    SECTION_START,
    '## Receivables reports over 100,000 invoices',
    '',
    'Each report of `GET /v1/reports/*` and the portfolio-wide `GET /v1/invoices`, computed as the service computes it',
    '(its query classes over PostgreSQL and its domain code; HTTP and JSON serialisation not included), over a seeded',
    'portfolio. One warm-up run, then the median and the slowest of the timed runs.',
    '',
    '### How to rerun',
    '',
    '```sh',
    'scripts/bench-receivables.sh                  # 100,000 invoices, 5 runs; --no-docs to leave this file alone',
    'scripts/bench-receivables.sh --invoices 300000 --runs 9',
    '```',
    '',
    `The script makes its own database (\`${DATABASE}\`, via \`PG_ADMIN_URL\`), migrates invoicing's schema into it, seeds it`,
    'and drops it at the end.',
    '',
    `Portfolio: ${n(counts.open + counts.paid + counts.drafts)} invoices (${n(counts.open)} open, a third partly paid; ${n(counts.paid)} paid; ${n(counts.drafts)} drafts),`,
    `${n(counts.payments)} payments, ${n(counts.contracts)} contracts of ${INVOICES_PER_CONTRACT} milestones, ${n(CLIENTS)} clients in usd, eur and jpy and four`,
    `time zones; issue dates over the 400 days to ${TODAY}, net-30; paid from 10 days early to 35 days late. Seeded in ${ms(context.seedMs)}.`,
    '',
    '### Machine',
    '',
    '|  |  |',
    '| --- | --- |',
    row(['CPUs', `${machine.nproc} × ${machine.cpuModel}`]),
    row(['memory', machine.memory]),
    row(['kernel', machine.kernel]),
    row(['Node.js', machine.node]),
    row(['PostgreSQL', context.postgres]),
    row(['load average before the run (1 min)', context.loadBefore.toFixed(2)]),
    row(['date', new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC']),
    row(['commit', context.commit]),
    '',
    '### Results',
    '',
    row(['report', 'what', 'median', 'slowest', 'answer']),
    row(['---', '---', '---:', '---:', '---']),
    ...timings.map((timing) => row([timing.report, timing.what, ms(timing.medianMs), ms(timing.maxMs), timing.rows])),
    '',
    'Reading: aging and the forecast read the open balances grouped by client, currency, time zone and due date from',
    'the partial covering index `invoices_open_balances` (an index-only scan), so they move thousands of groups, not',
    'every invoice; DSO/CEI sums the payments of each invoice received by the end of the period and joins them. The gauges on',
    '`/metrics` run the aging, DSO and forecast reports on each scrape: the "metrics scrape" line is what one scrape',
    'costs the database at this size.',
    ...(context.loadBefore > Number(machine.nproc)
      ? ['', `This run shared the machine with other work (load ${context.loadBefore.toFixed(1)} on ${machine.nproc} CPUs): on an idle machine expect lower figures.`]
      : []),
    SECTION_END,
  ].join('\n');
}

async function main(): Promise<void> {
  const settings = settingsFrom(process.argv.slice(2), process.env);
  const root = repositoryRoot();
  const loadBefore = loadavg()[0];
  const database = benchDatabase(settings.adminUrl, DATABASE);
  let dataSource: DataSource | null = null;
  const watchdog = setTimeout(() => {
    say(`timed out after ${settings.timeoutSeconds} s (--timeout-seconds): tearing down`);
    void database.drop().finally(() => process.exit(1));
  }, settings.timeoutSeconds * 1000);
  try {
    await ensurePostgresRunning(settings.adminUrl, say);
    await database.recreate();
    await withPgClient(database.url(), (client) => client.query(`CREATE SCHEMA ${SCHEMA}`));
    dataSource = createServiceDataSource({
      url: database.url(),
      schema: SCHEMA,
      migrations: invoicingMigrations,
      entities: [InvoiceEntity, ContractTermsEntity],
      applicationName: 'bench-receivables',
      poolSize: 4,
    });
    await dataSource.initialize();
    await migrate(dataSource, SCHEMA);
    const postgres = ((await dataSource.query('SHOW server_version')) as { server_version: string }[])[0].server_version;
    say(`seeding ${settings.invoices} invoices`);
    const seedStarted = performance.now();
    const counts = await seed(dataSource, settings.invoices);
    const seedMs = performance.now() - seedStarted;
    say(`seeded in ${ms(seedMs)}: ${JSON.stringify(counts)}`);
    const timings = await measure(dataSource, settings.runs);
    if (settings.writeDocs) {
      const file = join(root, 'docs', 'benchmarks.md');
      writeMarkedSection(file, { start: SECTION_START, end: SECTION_END, after: AFTER_SECTION }, renderSection({ settings, counts, seedMs, postgres, loadBefore, commit: gitCommit(root) }, timings));
      say(`results written to ${file}`);
    }
  } finally {
    clearTimeout(watchdog);
    say('tearing down');
    await dataSource?.destroy().catch(() => undefined);
    if (settings.keepDatabase) say(`database ${DATABASE} kept (--keep-database)`);
    else await database.drop().catch((error: Error) => say(`cleanup (drop database ${DATABASE}) failed: ${error.message}`));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
