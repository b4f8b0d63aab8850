// End-to-end benchmark: approvals over REST → invoice.issued on Kafka, through the five services
// as processes, at a sweep of constant rates (open model), beside pgbench's single-row INSERT on
// the same machine in the same run; then constant-rate read load (GET invoice, GET contract with
// 100,000 contracts in the table). CPU per process is sampled from /proc throughout. Writes its
// section of docs/benchmarks.md.
//   scripts/bench-e2e.sh [--rates 50,100,200,400,700] [--seconds 10] [--read-rate 500] [--read-seconds 10]
//                        [--read-contracts 100000] [--pgbench-seconds 10] [--port-base 41000] [--no-docs]
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { repositoryRoot } from '@mb/devstack';
import { gitCommit, hostMachine, ms, writeMarkedSection } from './bench-report';
import {
  type ApprovalRun,
  approveAtRate,
  type BenchStack,
  type CpuByGroup,
  CpuSampler,
  databaseBackends,
  InvoiceIssuedWatcher,
  percentile,
  prepareSubmittedMilestones,
  type ProcessGroup,
  runOpenModel,
  runPgbenchInsert,
  startBenchStack,
  type SubmittedMilestone,
} from './load';

const SECTION_START = '<!-- e2e-benchmark:start -->';
const SECTION_END = '<!-- e2e-benchmark:end -->';
const WARM_UP_APPROVALS = 60;
const say = (line: string) => console.log(`[bench-e2e ${new Date().toISOString().slice(11, 19)}] ${line}`);

interface Settings {
  readonly rates: number[];
  readonly seconds: number;
  readonly readRate: number;
  readonly readSeconds: number;
  readonly readContracts: number;
  readonly pgbenchSeconds: number;
  readonly portBase: number;
  readonly databaseName: string;
  readonly drainTimeoutSeconds: number;
  readonly writeDocs: boolean;
}

function settingsFrom(argv: string[], env: NodeJS.ProcessEnv): Settings {
  const { values } = parseArgs({
    args: argv,
    allowNegative: true,
    options: {
      rates: { type: 'string' },
      seconds: { type: 'string' },
      'read-rate': { type: 'string' },
      'read-seconds': { type: 'string' },
      'read-contracts': { type: 'string' },
      'pgbench-seconds': { type: 'string' },
      'port-base': { type: 'string' },
      database: { type: 'string' },
      'drain-timeout': { type: 'string' },
      docs: { type: 'boolean', default: true },
    },
  });
  const count = (name: string, text: string | undefined, fallback: number, minimum = 1): number => {
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < minimum) throw new Error(`--${name} must be an integer >= ${minimum}, not ${text}`);
    return value;
  };
  const rates = (values.rates ?? env.BENCH_RATES ?? '50,100,200,400,700').split(',').map((rate) => count('rates', rate.trim(), 0));
  return {
    rates,
    seconds: count('seconds', values.seconds ?? env.BENCH_SECONDS, 10),
    readRate: count('read-rate', values['read-rate'] ?? env.BENCH_READ_RATE, 500, 0),
    readSeconds: count('read-seconds', values['read-seconds'] ?? env.BENCH_READ_SECONDS, 10, 0),
    readContracts: count('read-contracts', values['read-contracts'] ?? env.BENCH_READ_CONTRACTS, 100_000, 0),
    pgbenchSeconds: count('pgbench-seconds', values['pgbench-seconds'] ?? env.BENCH_PGBENCH_SECONDS, 10, 0),
    portBase: count('port-base', values['port-base'] ?? env.BENCH_PORT_BASE, 41_000),
    databaseName: values.database ?? env.BENCH_DATABASE ?? 'mb_bench_e2e',
    drainTimeoutSeconds: count('drain-timeout', values['drain-timeout'] ?? env.BENCH_DRAIN_TIMEOUT, 120),
    writeDocs: values.docs ?? true,
  };
}

interface RateResult {
  readonly run: ApprovalRun;
  readonly cpu: CpuByGroup;
  readonly windowMs: number;
  readonly loadAverage: number;
}

interface ReadResult {
  readonly name: string;
  readonly rate: number;
  readonly requests: number;
  readonly achievedRate: number;
  readonly errors: number;
  readonly p50: number;
  readonly p99: number;
  readonly cpu: CpuByGroup;
}

async function main(): Promise<void> {
  const settings = settingsFrom(process.argv.slice(2), process.env);
  const startedAt = new Date();
  const loadBefore = loadavg()[0];
  let stack: BenchStack | undefined;
  let watcher: InvoiceIssuedWatcher | undefined;
  let admin: Client | undefined;
  const tearDown = async () => {
    await watcher?.stop().catch(() => undefined);
    await admin?.end().catch(() => undefined);
    await stack?.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: tearing down`);
      void tearDown().then(() => process.exit(130));
    });
  }
  try {
    stack = await startBenchStack({ portBase: settings.portBase, databaseName: settings.databaseName, dataDirName: 'bench-e2e', log: say });
    admin = new Client({ connectionString: stack.adminUrl, application_name: 'bench-e2e-sampler' });
    await admin.connect();
    const query = async (sql: string, parameters: unknown[]) => (await (admin as Client).query(sql, parameters)).rows as { pid: number }[];
    const groups: ProcessGroup[] = [
      ...stack.processes.map((process) => ({ name: process.name, pids: () => [process.pid] })),
      databaseBackends('postgres backends', stack.databaseName, query),
      { name: 'load generator', pids: () => [process.pid] },
    ];

    const pgbench =
      settings.pgbenchSeconds > 0
        ? await (async () => {
            say(`pgbench: single-row INSERT, 16 clients, ${settings.pgbenchSeconds} s`);
            const result = await runPgbenchInsert(stack.adminUrl, `${settings.databaseName}_pgbench`, { clients: 16, seconds: settings.pgbenchSeconds });
            say(`pgbench: ${result.transactionsPerSecond.toFixed(0)} TPS`);
            return result;
          })()
        : undefined;

    const perRate = settings.rates.map((rate) => rate * settings.seconds);
    const total = WARM_UP_APPROVALS + perRate.reduce((sum, count) => sum + count, 0);
    say(`preparing ${total} submitted milestones over the REST APIs`);
    const preparedAt = performance.now();
    const { milestones, approver } = await prepareSubmittedMilestones(stack.api, stack.issuer, {
      count: total,
      onProgress: (submitted, count) => say(`prepared ${submitted}/${count}`),
    });
    say(`prepared ${milestones.length} in ${((performance.now() - preparedAt) / 1000).toFixed(0)} s`);
    // Approvals are drawn from all contracts in turn, as many clients would approve.
    const shuffled = interleaveByContract(milestones);

    watcher = new InvoiceIssuedWatcher(stack.brokers, stack.kafkaAdmin);
    await watcher.start();
    say(`warm-up: ${WARM_UP_APPROVALS} approvals at 20/s`);
    await approveAtRate({ approver, milestones: shuffled.slice(0, WARM_UP_APPROVALS), rate: 20, watcher, drainTimeoutMs: 60_000 });

    const sampler = new CpuSampler(groups);
    const results: RateResult[] = [];
    let offset = WARM_UP_APPROVALS;
    for (const [index, rate] of settings.rates.entries()) {
      const batch = shuffled.slice(offset, offset + perRate[index]);
      offset += perRate[index];
      say(`rate ${rate}/s: ${batch.length} approvals over ${settings.seconds} s`);
      await sampler.begin();
      const run = await approveAtRate({ approver, milestones: batch, rate, watcher, drainTimeoutMs: settings.drainTimeoutSeconds * 1000, onProgress: say });
      const cpu = await sampler.end();
      const result: RateResult = { run, cpu, windowMs: run.drainedAt - run.startedAt, loadAverage: loadavg()[0] };
      results.push(result);
      say(describeRate(result));
      if (run.missingInvoices > 0) {
        say(`rate ${rate}/s: ${run.missingInvoices} invoices not issued within ${settings.drainTimeoutSeconds} s: the sweep stops here`);
        break;
      }
    }

    const reads: ReadResult[] = [];
    const running = stack;
    if (settings.readRate > 0 && settings.readSeconds > 0) {
      const invoiceIds = watcher.issued().map((invoice) => invoice.invoiceId);
      reads.push(await readLoad('GET invoice', settings, sampler, (index) => running.api.request('invoicing', 'GET', `/v1/invoices/${invoiceIds[index % invoiceIds.length]}`)));
      const contractIds = await fillContracts(stack, settings.readContracts);
      reads.push(
        await readLoad(`GET contract (${contractIds.length.toLocaleString('en-US')} contracts)`, settings, sampler, (index) =>
          running.api.request('contract', 'GET', `/v1/contracts/${contractIds[(index * 7919) % contractIds.length]}`),
        ),
      );
    }

    const section = report(settings, startedAt, loadBefore, pgbench?.transactionsPerSecond, results, reads, watcher.duplicated().length);
    console.log(`\n${section}\n`);
    if (settings.writeDocs) {
      writeMarkedSection(join(repositoryRoot(), 'docs', 'benchmarks.md'), { start: SECTION_START, end: SECTION_END }, section);
      say('written to docs/benchmarks.md');
    }
  } finally {
    await tearDown();
  }
}

/** Milestones ordered so that consecutive approvals belong to different contracts. */
function interleaveByContract(milestones: readonly SubmittedMilestone[]): SubmittedMilestone[] {
  const byContract = new Map<string, SubmittedMilestone[]>();
  for (const milestone of milestones) byContract.set(milestone.contractId, [...(byContract.get(milestone.contractId) ?? []), milestone]);
  const lists = [...byContract.values()];
  const ordered: SubmittedMilestone[] = [];
  for (let round = 0; ordered.length < milestones.length; round += 1) for (const list of lists) if (round < list.length) ordered.push(list[round]);
  return ordered;
}

async function readLoad(name: string, settings: Settings, sampler: CpuSampler, send: (index: number) => Promise<{ status: number }>): Promise<ReadResult> {
  const count = settings.readRate * settings.readSeconds;
  say(`${name}: ${count} requests at ${settings.readRate}/s`);
  await sampler.begin();
  const run = await runOpenModel({
    rate: settings.readRate,
    count,
    send: async (index) => (await send(index)).status,
    onProgress: (progress) => say(`${name}: ${progress.sent}/${count} sent, ${progress.answered} answered, ${(progress.elapsedMs / 1000).toFixed(0)} s`),
  });
  const cpu = await sampler.end();
  const times = run.requests.map((request) => request.answeredAt - request.scheduledAt);
  const result: ReadResult = {
    name,
    rate: settings.readRate,
    requests: count,
    achievedRate: count / ((run.finishedAt - run.startedAt) / 1000),
    errors: run.requests.filter((request) => request.status !== 200).length,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    cpu,
  };
  say(`${name}: p50 ${ms(result.p50)}, p99 ${ms(result.p99)}, ${result.achievedRate.toFixed(0)}/s, ${result.errors} errors`);
  return result;
}

/**
 * Tops contract-service's tables up to `wanted` contracts by copying one real contract (and its
 * rows in every table keyed by contract_id alone) in SQL: a REST call per contract would take
 * longer than the whole benchmark. Returns every contract id.
 */
async function fillContracts(stack: BenchStack, wanted: number): Promise<string[]> {
  const client = new Client({ connectionString: stack.databaseUrl, application_name: 'bench-e2e-fill' });
  await client.connect();
  try {
    const existing = Number((await client.query('SELECT count(*) AS n FROM contract.contracts')).rows[0].n);
    const missing = wanted - existing;
    if (missing > 0) {
      say(`inserting ${missing} contracts in SQL (copies of one made over the API)`);
      const template = (await client.query(`SELECT id FROM contract.contracts WHERE status = 'active' ORDER BY created_at LIMIT 1`)).rows[0].id as string;
      const columnsOf = async (table: string) =>
        (await client.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'contract' AND table_name = $1 ORDER BY ordinal_position`, [table])).rows.map(
          (row: { column_name: string }) => row.column_name,
        );
      const copy = async (table: string, key: string) => {
        const columns = await columnsOf(table);
        const selected = columns.map((column) => (column === key ? `'con_bulk' || lpad(g::text, 7, '0')` : `t.${column}`));
        await client.query(
          `INSERT INTO contract.${table} (${columns.join(', ')}) SELECT ${selected.join(', ')} FROM contract.${table} t, generate_series(1, $2) g WHERE t.${key} = $1`,
          [template, missing],
        );
      };
      await client.query('BEGIN');
      await copy('contracts', 'id');
      const dependents = (
        await client.query(
          `SELECT table_name FROM information_schema.columns c WHERE table_schema = 'contract' AND column_name = 'contract_id'
             AND NOT EXISTS (SELECT 1 FROM information_schema.columns i WHERE i.table_schema = 'contract' AND i.table_name = c.table_name AND i.column_name = 'id')
             AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = 'contract' AND table_type = 'BASE TABLE')`,
        )
      ).rows.map((row: { table_name: string }) => row.table_name);
      for (const table of dependents) await copy(table, 'contract_id');
      await client.query('COMMIT');
      await client.query('ANALYZE');
    }
    return (await client.query('SELECT id FROM contract.contracts')).rows.map((row: { id: string }) => row.id);
  } finally {
    await client.end();
  }
}

function cpuTotal(cpu: CpuByGroup): number {
  return Object.values(cpu).reduce((sum, value) => sum + value, 0);
}

function describeRate({ run, cpu, windowMs }: RateResult): string {
  const approveTimes = run.approvals.map((approval) => approval.answeredAt - approval.scheduledAt);
  const invoiceTimes = run.approvals.filter((approval) => approval.invoicedAt !== undefined).map((approval) => (approval.invoicedAt as number) - approval.scheduledAt);
  const busiest = Object.entries(cpu).sort((a, b) => b[1] - a[1])[0];
  return (
    `rate ${run.rate}/s: approve p50 ${ms(percentile(approveTimes, 50))} p99 ${ms(percentile(approveTimes, 99))}; ` +
    `→ invoice p50 ${ms(percentile(invoiceTimes, 50))} p99 ${ms(percentile(invoiceTimes, 99))}; drain ${ms(run.drainedAt - run.lastSentAt)}; ` +
    `CPU ${(cpuTotal(cpu) / run.approvals.length).toFixed(1)} ms/approval (busiest: ${busiest?.[0]} ${((busiest?.[1] ?? 0) / windowMs * 100).toFixed(0)} % of a core)`
  );
}

function report(
  settings: Settings,
  startedAt: Date,
  loadBefore: number,
  pgbenchTps: number | undefined,
  results: readonly RateResult[],
  reads: readonly ReadResult[],
  duplicates: number,
): string {
  const machine = hostMachine();
  const commit = gitCommit(repositoryRoot());
  const groupNames = results.length > 0 ? Object.keys(results[0].cpu) : [];
  const rateRows = results.map(({ run, cpu, loadAverage }) => {
    const approveTimes = run.approvals.map((approval) => approval.answeredAt - approval.scheduledAt);
    const invoiceTimes = run.approvals.filter((approval) => approval.invoicedAt !== undefined).map((approval) => (approval.invoicedAt as number) - approval.scheduledAt);
    const failed = run.approvals.filter((approval) => approval.status !== 200).length;
    const achieved = run.approvals.length / ((run.drainedAt - run.startedAt) / 1000);
    const ratio = pgbenchTps ? (Math.min(run.rate, achieved) / pgbenchTps).toFixed(4) : '–';
    return `| ${run.rate} | ${run.approvals.length} | ${failed} | ${ms(percentile(approveTimes, 50))} / ${ms(percentile(approveTimes, 99))} | ${ms(percentile(invoiceTimes, 50))} / ${ms(percentile(invoiceTimes, 99))} | ${ms(run.drainedAt - run.lastSentAt)} | ${run.missingInvoices} | ${(cpuTotal(cpu) / run.approvals.length).toFixed(1)} | ${ratio} | ${loadAverage.toFixed(2)} |`;
  });
  const cpuRows = results.map(({ run, cpu, windowMs }) => `| ${run.rate} | ${groupNames.map((name) => `${((cpu[name] ?? 0) / run.approvals.length).toFixed(2)} (${(((cpu[name] ?? 0) / windowMs) * 100).toFixed(0)} %)`).join(' | ')} |`);
  const readRows = reads.map((read) => `| ${read.name} | ${read.rate} | ${read.achievedRate.toFixed(0)} | ${read.errors} | ${ms(read.p50)} / ${ms(read.p99)} | ${(cpuTotal(read.cpu) / read.requests).toFixed(2)} |`);
  const readCpuRows = reads.map((read) => `| ${read.name} | ${groupNames.map((name) => `${((read.cpu[name] ?? 0) / (settings.readSeconds * 10)).toFixed(0)} %`).join(' | ')} |`);
  return [
    SECTION_START,
    '## End to end: approve over REST → invoice.issued on Kafka',
    '',
    'The five services run as processes (as `bin/start` runs them, rate limits off, `LOG_LEVEL=warn`) on a fresh database and',
    'broker. Submitted milestones are prepared over the REST APIs (a client, contracts of 10 `on_approval` milestones,',
    'activate, start, submit). Each rate is an open-model load: approval *i* is sent at t₀ + i/rate whatever the earlier',
    'answers, and both times are taken from that scheduled instant: to the HTTP answer, and to the milestone’s',
    '`invoice.issued` read from Kafka by the benchmark’s own consumer. CPU is utime + stime from `/proc/<pid>/stat` of each',
    'service, the broker, the database’s backends and the load generator, from the rate’s first approval to its last invoice.',
    '',
    '### How to rerun',
    '',
    '```sh',
    'scripts/bench-e2e.sh                                   # the sweep below; --no-docs to leave this file alone',
    'scripts/bench-e2e.sh --rates 700 --seconds 300         # the issue’s target: 700/s for 5 minutes',
    '```',
    '',
    `It uses ports ${settings.portBase}–${settings.portBase + 31} (\`--port-base\`), databases \`${settings.databaseName}\` and \`${settings.databaseName}_pgbench\``,
    '(via `PG_ADMIN_URL`), data in `.data/bench-e2e/`, and removes them at the end. The pieces (stack, preparation, open-model',
    'approvals, invoice watcher, CPU sampler, pgbench) are in `tools/bench/load/` for other tools to reuse.',
    '',
    `Settings of this run: rates ${settings.rates.join(', ')} approvals/s for ${settings.seconds} s each (the sweep stops at the first rate whose`,
    `invoices are not all issued within ${settings.drainTimeoutSeconds} s); reads at ${settings.readRate}/s for ${settings.readSeconds} s.`,
    '',
    '### Machine',
    '',
    '|  |  |',
    '| --- | --- |',
    `| CPU | ${machine.cpuModel}, ${machine.nproc} CPUs (nproc) |`,
    `| Memory | ${machine.memory} |`,
    `| OS | ${machine.kernel} |`,
    `| Node.js | ${machine.node} |`,
    '',
    `Date: ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}. 1-minute load average ${loadBefore.toFixed(2)} when the run began` +
      (pgbenchTps ? `; pgbench single-row INSERT at 16 clients: ${Math.round(pgbenchTps).toLocaleString('en-US')} TPS.` : '.'),
    '',
    '### Approvals',
    '',
    '| Rate /s | Approvals | Failed | Approve p50 / p99 | Approve → invoice p50 / p99 | Drain | Invoices missing | CPU ms / approval | Ratio to pgbench | Load avg (1 min) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rateRows,
    '',
    'Drain: from the last approval sent to the last invoice seen. Ratio: approvals/s sustained (the rate, or fewer when the',
    `run took longer to drain) over pgbench TPS. Invoices seen twice on Kafka: ${duplicates}.`,
    '',
    'CPU ms per approval by process (and its share of one core over the window):',
    '',
    `| Rate /s | ${groupNames.join(' | ')} |`,
    `| ---: | ${groupNames.map(() => '---:').join(' | ')} |`,
    ...cpuRows,
    '',
    '### API load at constant rates',
    '',
    '| Request | Offered /s | Achieved /s | Errors | p50 / p99 | CPU ms / request |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...readRows,
    '',
    ...(reads.length > 0
      ? ['CPU share of one core during the read load:', '', `| Request | ${groupNames.join(' | ')} |`, `| --- | ${groupNames.map(() => '---:').join(' | ')} |`, ...readCpuRows, '']
      : []),
    SECTION_END,
  ].join('\n');
}

main().catch((error: Error) => {
  say(`failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
