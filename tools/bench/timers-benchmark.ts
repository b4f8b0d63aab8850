// Benchmark of the durable timers (PgBossTimers on pg-boss): many timers falling due at the same
// instant, fired by two instances of a service working the same schema. Brings up a database of
// its own, measures, writes docs/benchmarks.md, and drops the database.
//   scripts/bench-timers.sh [--timers 10000] [--per-transaction 500] [--polling-interval 1,0.5]
//                           [--pool-size 10] [--lead-seconds auto] [--timeout-seconds 1200] [--no-docs]
// Each option also reads from the environment (BENCH_TIMERS, BENCH_PER_TRANSACTION, ...);
// PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the superuser.
//
// One round per polling interval, each on a fresh schema: this process sets the timers through a
// PgBossTimers of its own (in units of work of --per-transaction timers each, due together a few
// seconds after the last one commits), and two child processes, each a PgBossTimers working the
// timer as a service instance does, fire them. Every firing inserts an effect row, stamped with
// clock_timestamp(), in the firing's unit of work; lags, drain time and the exactly-once check are
// read from those rows and from pg-boss's job table. The same process runs as an instance when
// BENCH_TIMERS_INSTANCE is set (that is how it starts its children).
import { type ChildProcess, fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { OffsetClock } from '@mb/kernel';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { createLogger, ServiceMetrics } from '@mb/observability';
import { PgBossTimers, type TimerHandler } from '@mb/platform';
import { messagingTablesSql, metricValue, parsePrometheusText } from '@mb/testing';
import { ensurePostgresRunning, repositoryRoot, withPgClient } from '@mb/devstack';
import { benchDatabase, gitCommit, hostMachine, installedVersion, ms, perSecond, writeMarkedSection } from './bench-report';

const TIMER = 'bench.reminder';
const DATABASE = 'mb_bench_timers';
const INSTANCES = ['one', 'two'] as const;
/** Fired before each round's measurement, to see both instances working and warm their pools. */
const WARM_UP_TIMERS = 40;
/** Set due in a day, in the round's units of work: they time the scheduling rate, and stay pending, as a service's future timers do. */
const PROBE_TIMERS = 1000;
const KEY_PREFIX = 't-';
const SECTION_START = '<!-- timers-benchmark:start -->';
const SECTION_END = '<!-- timers-benchmark:end -->';
const AFTER_SECTION = '<!-- backbone-benchmark:end -->';
// What PgBossTimers fixes and does not expose (libs/platform/src/timers/pg-boss-timers.ts): the
// worker fetches batches of 20 with pg-boss's default of one fetch loop per instance, on a pg-boss
// pool of 4 connections. Stated here for the report; the benchmark changes none of it.
const WORKER_BATCH = 20;
const BOSS_POOL = 4;

const say = (line: string) => console.log(`[bench-timers] ${line}`);

interface Settings {
  readonly timers: number;
  readonly perTransaction: number;
  readonly pollingIntervals: readonly number[];
  readonly poolSize: number;
  /** Seconds from the last timer set to their due instant; undefined: derived from the probe's rate. */
  readonly leadSeconds: number | undefined;
  readonly timeoutSeconds: number;
  readonly adminUrl: string;
  readonly writeDocs: boolean;
}

function settingsFrom(argv: string[], env: NodeJS.ProcessEnv): Settings {
  const { values } = parseArgs({
    args: argv,
    allowNegative: true,
    options: {
      timers: { type: 'string', short: 'n' },
      'per-transaction': { type: 'string' },
      'polling-interval': { type: 'string' },
      'pool-size': { type: 'string' },
      'lead-seconds': { type: 'string' },
      'timeout-seconds': { type: 'string' },
      docs: { type: 'boolean', default: true },
    },
  });
  const count = (name: string, fromArgs: string | undefined, envName: string, fallback: number, minimum = 1): number => {
    const text = fromArgs ?? env[envName];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < minimum) throw new Error(`--${name} (${envName}) must be an integer >= ${minimum}, not ${text}`);
    return value;
  };
  const intervalsText = values['polling-interval'] ?? env.BENCH_POLLING_INTERVAL ?? '1,0.5';
  const pollingIntervals = intervalsText.split(',').map((part) => {
    const value = Number(part.trim());
    // pg-boss refuses a polling interval under half a second.
    if (!Number.isFinite(value) || value < 0.5) throw new Error(`--polling-interval (BENCH_POLLING_INTERVAL) takes seconds >= 0.5, comma-separated, not ${intervalsText}`);
    return value;
  });
  const leadText = values['lead-seconds'] ?? env.BENCH_LEAD_SECONDS;
  return {
    timers: count('timers', values.timers, 'BENCH_TIMERS', 10_000),
    perTransaction: count('per-transaction', values['per-transaction'], 'BENCH_PER_TRANSACTION', 500),
    pollingIntervals,
    // The services' own pool size (createServiceDataSource).
    poolSize: count('pool-size', values['pool-size'], 'BENCH_POOL_SIZE', 10),
    leadSeconds: leadText === undefined || leadText === '' || leadText === 'auto' ? undefined : count('lead-seconds', leadText, 'BENCH_LEAD_SECONDS', 0),
    timeoutSeconds: count('timeout-seconds', values['timeout-seconds'], 'BENCH_TIMEOUT_SECONDS', 1200, 10),
    adminUrl: env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    writeDocs: values.docs ?? true,
  };
}

// ---- an instance: a child process working the timer ----

/** What the benchmark tells an instance, through its environment. */
interface InstanceConfig {
  readonly name: string;
  readonly databaseUrl: string;
  readonly schema: string;
  readonly pollingIntervalSeconds: number;
  readonly poolSize: number;
}

/** What an instance reports when told to stop: its firings by outcome and the CPU it used. */
interface InstanceReport {
  readonly name: string;
  readonly fired: Record<'applied' | 'duplicate' | 'failed' | 'refused', number>;
  readonly cpuMs: number;
}

type ToInstance = { readonly type: 'stop' };
type FromInstance = { readonly type: 'ready' } | { readonly type: 'stopped'; readonly report: InstanceReport };

async function runInstance(config: InstanceConfig): Promise<void> {
  const send = (message: FromInstance) => process.send?.(message);
  // Parent gone (or killed): nothing is left to report to, so go too.
  process.once('disconnect', () => process.exit(1));
  const logger = createLogger(`bench-timers-${config.name}`, process.env.BENCH_LOG_LEVEL ?? 'error');
  const metrics = new ServiceMetrics((metric, error) => logger.warn({ err: error, metric }, 'metric could not be read'));
  const dataSource = await new DataSource({
    type: 'postgres',
    url: config.databaseUrl,
    poolSize: config.poolSize,
    applicationName: `bench-timers-${config.name}`,
  }).initialize();
  const unitOfWork = new TypeOrmUnitOfWork(dataSource);
  const timers = await PgBossTimers.start({
    schema: config.schema,
    databaseUrl: config.databaseUrl,
    serviceName: `bench-timers-${config.name}`,
    timers: [TIMER],
    clock: new OffsetClock(),
    unitOfWork,
    logger,
    metrics,
    pollingIntervalSeconds: config.pollingIntervalSeconds,
  });
  // Stands for a use case's change: one effect row per firing, in the firing's unit of work.
  const handler: TimerHandler = {
    timer: TIMER,
    async fire(fired) {
      await unitOfWork
        .currentManager()
        .query(`INSERT INTO ${config.schema}.effects (timer_key, instance, due_at) VALUES ($1, $2, $3)`, [fired.key, config.name, fired.dueAt]);
    },
  };
  await timers.work(handler);
  process.on('message', (message: ToInstance) => {
    if (message.type !== 'stop') return;
    void (async () => {
      await timers.stop();
      const series = parsePrometheusText((await metrics.exposition()).body);
      const outcome = (name: string) => metricValue(series, 'mb_timers_fired_total', { timer: TIMER, outcome: name }) ?? 0;
      const cpu = process.cpuUsage();
      send({
        type: 'stopped',
        report: {
          name: config.name,
          fired: { applied: outcome('applied'), duplicate: outcome('duplicate'), failed: outcome('failed'), refused: outcome('refused') },
          cpuMs: (cpu.user + cpu.system) / 1000,
        },
      });
      await dataSource.destroy();
      process.disconnect();
    })();
  });
  send({ type: 'ready' });
}

/** A child process running one instance, as the benchmark sees it. */
class Instance {
  private readonly messages: FromInstance[] = [];
  private exited = false;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (message: FromInstance) => this.messages.push(message));
    child.once('exit', () => {
      this.exited = true;
    });
  }

  static start(config: InstanceConfig): Instance {
    const child = fork(process.argv[1], [], {
      env: { ...process.env, BENCH_TIMERS_INSTANCE: JSON.stringify(config) },
      execArgv: ['--enable-source-maps'],
      stdio: 'inherit',
    });
    return new Instance(config.name, child);
  }

  async ready(timeoutMs: number): Promise<void> {
    await this.waitFor((message) => message.type === 'ready', timeoutMs, 'ready');
  }

  async stop(timeoutMs: number): Promise<InstanceReport> {
    this.child.send({ type: 'stop' } satisfies ToInstance);
    const stopped = await this.waitFor((message) => message.type === 'stopped', timeoutMs, 'stopped');
    await waitUntil(() => this.exited, timeoutMs, `instance ${this.name} exited`);
    return (stopped as Extract<FromInstance, { type: 'stopped' }>).report;
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private async waitFor(matches: (message: FromInstance) => boolean, timeoutMs: number, what: string): Promise<FromInstance> {
    await waitUntil(() => this.messages.some(matches) || this.exited, timeoutMs, `instance ${this.name} ${what}`);
    const message = this.messages.find(matches);
    if (!message) throw new Error(`instance ${this.name} exited before it was ${what}`);
    return message;
  }
}

// ---- a round: one polling interval, on a fresh schema ----

interface Lags {
  readonly min: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

interface InstanceShare {
  readonly name: string;
  readonly firings: number;
  readonly firstMs: number;
  readonly lastMs: number;
  readonly cpuMs: number;
  readonly fired: InstanceReport['fired'];
}

interface RoundResult {
  readonly pollingIntervalSeconds: number;
  readonly timers: number;
  readonly schedulingMs: number;
  readonly probeRate: number;
  readonly leadMs: number;
  /** How long before the due instant the last unit of work of timers committed. */
  readonly scheduledAheadMs: number;
  /** The due instant to the last firing's effect. */
  readonly drainMs: number;
  /** The due instant to the first firing's effect to the last: lag percentiles over all firings. */
  readonly lags: Lags;
  readonly instances: readonly InstanceShare[];
  readonly distinctKeys: number;
  readonly duplicates: number;
  readonly missing: number;
  readonly jobStates: Readonly<Record<string, number>>;
  readonly retried: number;
  readonly inboxRecords: number;
  readonly problems: readonly string[];
}

interface RoundContext {
  readonly settings: Settings;
  readonly databaseUrl: string;
  readonly deadline: number;
  readonly instances: Instance[];
}

async function runRound(context: RoundContext, pollingIntervalSeconds: number): Promise<RoundResult> {
  const { settings, databaseUrl, deadline } = context;
  const schema = `timers_p${Math.round(pollingIntervalSeconds * 1000)}`;
  const timeLeft = () => Math.max(0, deadline - Date.now());
  const logger = createLogger('bench-timers', process.env.BENCH_LOG_LEVEL ?? 'error');
  const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl, poolSize: 3, applicationName: 'bench-timers' }).initialize();
  const problems: string[] = [];
  try {
    await dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await dataSource.query(`CREATE SCHEMA ${schema}`);
    for (const statement of messagingTablesSql(schema)) await dataSource.query(statement);
    // No unique key on timer_key: a second firing with an effect must show as a second row.
    await dataSource.query(
      `CREATE TABLE ${schema}.effects (seq bigserial PRIMARY KEY, timer_key text NOT NULL, instance text NOT NULL, due_at timestamptz NOT NULL, fired_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    );
    const unitOfWork = new TypeOrmUnitOfWork(dataSource);
    // pg-boss's tables, as a service's migration step installs them; then the setting side: a
    // PgBossTimers that sets timers and works none.
    await PgBossTimers.install({ schema, migrationDatabaseUrl: databaseUrl, serviceName: 'bench-timers' });
    const scheduler = await PgBossTimers.start({
      schema,
      databaseUrl,
      serviceName: 'bench-timers-scheduler',
      timers: [TIMER],
      clock: new OffsetClock(),
      unitOfWork,
      logger,
      metrics: new ServiceMetrics(() => undefined),
    });
    let schedulerStopped = false;
    try {
      say(`round at polling interval ${pollingIntervalSeconds} s (schema ${schema}): starting ${INSTANCES.length} instances`);
      for (const name of INSTANCES) {
        context.instances.push(Instance.start({ name, databaseUrl, schema, pollingIntervalSeconds, poolSize: settings.poolSize }));
      }
      for (const instance of context.instances) await instance.ready(Math.min(60_000, timeLeft()));

      // Warm-up, not measured: both instances fetch and fire, their pools connect.
      const warmUpKeys = Array.from({ length: WARM_UP_TIMERS }, (_, index) => `w-${index}`);
      await scheduleAll(unitOfWork, scheduler, warmUpKeys, new Date(Date.now() + 500), settings.perTransaction);
      await waitUntil(async () => (await firedKeys(dataSource, schema, 'w-')) >= WARM_UP_TIMERS, Math.min(60_000, timeLeft()), 'the warm-up timers fired');
      say(`warm-up: ${WARM_UP_TIMERS} timers fired`);

      // Times the scheduling rate; these stay pending (due tomorrow) through the measurement.
      const probeKeys = Array.from({ length: PROBE_TIMERS }, (_, index) => `p-${index}`);
      const probeMs = await scheduleAll(unitOfWork, scheduler, probeKeys, new Date(Date.now() + 86_400_000), settings.perTransaction);
      const probeRate = PROBE_TIMERS / (probeMs / 1000);
      // Due a few seconds after the last one is set: half as long again as the probe's rate says, plus 5 s.
      const leadMs = settings.leadSeconds !== undefined ? settings.leadSeconds * 1000 : Math.ceil(5 + (1.5 * settings.timers) / probeRate) * 1000;
      const keys = Array.from({ length: settings.timers }, (_, index) => `${KEY_PREFIX}${String(index).padStart(6, '0')}`);
      const dueAt = new Date(Date.now() + leadMs);
      say(`scheduling ${settings.timers} timers, ${settings.perTransaction} per unit of work, all due at ${dueAt.toISOString()} (in ${leadMs / 1000} s)`);
      const schedulingMs = await scheduleAll(unitOfWork, scheduler, keys, dueAt, settings.perTransaction);
      const scheduledAheadMs = dueAt.getTime() - Date.now();
      say(`scheduled in ${schedulingMs.toFixed(0)} ms (${perSecond(settings.timers, schedulingMs)} timers/s), ${(scheduledAheadMs / 1000).toFixed(1)} s before due`);
      if (scheduledAheadMs <= 0) problems.push(`the last timers were set ${(-scheduledAheadMs / 1000).toFixed(1)} s after their due instant (raise --lead-seconds)`);
      // From here only the two instances touch the timers.
      await scheduler.stop();
      schedulerStopped = true;

      let lastReport = Date.now();
      await waitUntil(
        async () => {
          const fired = await firedKeys(dataSource, schema, KEY_PREFIX);
          if (Date.now() - lastReport >= 10_000) {
            lastReport = Date.now();
            say(`  ${fired} of ${settings.timers} fired, ${((Date.now() - dueAt.getTime()) / 1000).toFixed(0)} s after due`);
          }
          return fired >= settings.timers;
        },
        timeLeft(),
        `all ${settings.timers} timers fired`,
      );
      say(`all ${settings.timers} fired; stopping the instances`);
      // A second firing comes only from a job pg-boss still holds as not completed; the job
      // states below show there is none left, so stopping now misses nothing.
      const reports: InstanceReport[] = [];
      for (const instance of context.instances) reports.push(await instance.stop(Math.min(30_000, timeLeft())));
      context.instances.splice(0);

      return { ...(await measure(dataSource, schema, keys, reports)), pollingIntervalSeconds, timers: settings.timers, schedulingMs, probeRate, leadMs, scheduledAheadMs, problems };
    } finally {
      if (!schedulerStopped) await scheduler.stop().catch(() => undefined);
    }
  } finally {
    await dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await dataSource.destroy();
  }
}

/** Sets a timer per key, `perTransaction` to a unit of work, one unit after the other; returns the ms it took. */
async function scheduleAll(unitOfWork: TypeOrmUnitOfWork, timers: PgBossTimers, keys: readonly string[], dueAt: Date, perTransaction: number): Promise<number> {
  const startedAt = performance.now();
  for (let offset = 0; offset < keys.length; offset += perTransaction) {
    const batch = keys.slice(offset, offset + perTransaction);
    await unitOfWork.run(async () => {
      for (const key of batch) await timers.schedule(TIMER, key, dueAt, { n: offset });
    });
  }
  return performance.now() - startedAt;
}

async function firedKeys(dataSource: DataSource, schema: string, prefix: string): Promise<number> {
  const [{ fired }] = await dataSource.query(`SELECT count(DISTINCT timer_key)::int AS fired FROM ${schema}.effects WHERE starts_with(timer_key, $1)`, [prefix]);
  return fired;
}

type Measured = Pick<RoundResult, 'drainMs' | 'lags' | 'instances' | 'distinctKeys' | 'duplicates' | 'missing' | 'jobStates' | 'retried' | 'inboxRecords'>;

/** Reads the round's outcome from the effect rows (database clock) and pg-boss's job table. */
async function measure(dataSource: DataSource, schema: string, keys: readonly string[], reports: readonly InstanceReport[]): Promise<Measured> {
  const lagMs = `extract(epoch FROM fired_at - due_at) * 1000`;
  const mine = `starts_with(timer_key, '${KEY_PREFIX}')`;
  const [lags] = await dataSource.query(
    `SELECT min(${lagMs})::float AS min, max(${lagMs})::float AS max,
            percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY ${lagMs})::float[] AS p
       FROM ${schema}.effects WHERE ${mine}`,
  );
  const [{ distinct, duplicates }] = await dataSource.query(
    `SELECT count(*)::int AS distinct, coalesce(sum(n - 1), 0)::int AS duplicates
       FROM (SELECT count(*) AS n FROM ${schema}.effects WHERE ${mine} GROUP BY timer_key) AS per_key`,
  );
  const [{ missing }] = await dataSource.query(
    `SELECT count(*)::int AS missing FROM unnest($1::text[]) AS key WHERE NOT EXISTS (SELECT 1 FROM ${schema}.effects WHERE timer_key = key)`,
    [keys],
  );
  const perInstance: { instance: string; firings: number; first: number; last: number }[] = await dataSource.query(
    `SELECT instance, count(*)::int AS firings, min(${lagMs})::float AS first, max(${lagMs})::float AS last
       FROM ${schema}.effects WHERE ${mine} GROUP BY instance ORDER BY instance`,
  );
  const states: { state: string; jobs: number; retried: number }[] = await dataSource.query(
    `SELECT state::text AS state, count(*)::int AS jobs, count(*) FILTER (WHERE retry_count > 0)::int AS retried
       FROM ${schema}.job WHERE name = $1 AND starts_with(singleton_key, '${KEY_PREFIX}') GROUP BY state`,
    [TIMER],
  );
  const [{ inbox }] = await dataSource.query(
    `SELECT count(*)::int AS inbox FROM ${schema}.inbox i JOIN ${schema}.job j ON i.event_id = j.id::text
      WHERE i.consumer_group = $1 AND j.name = $2 AND starts_with(j.singleton_key, '${KEY_PREFIX}')`,
    [`timer:${TIMER}`, TIMER],
  );
  const [p50, p95, p99] = lags.p as number[];
  return {
    drainMs: lags.max,
    lags: { min: lags.min, p50, p95, p99, max: lags.max },
    instances: reports.map((report) => {
      const row = perInstance.find((candidate) => candidate.instance === report.name);
      return { name: report.name, firings: row?.firings ?? 0, firstMs: row?.first ?? Number.NaN, lastMs: row?.last ?? Number.NaN, cpuMs: report.cpuMs, fired: report.fired };
    }),
    distinctKeys: distinct,
    duplicates,
    missing,
    jobStates: Object.fromEntries(states.map((row) => [row.state, row.jobs])),
    retried: states.reduce((sum, row) => sum + row.retried, 0),
    inboxRecords: inbox,
  };
}

/** What a correct round guarantees: each timer fired exactly once, and pg-boss holds none of them unfinished. */
function checkRound(result: RoundResult): string[] {
  const problems = [...result.problems];
  if (result.duplicates !== 0) problems.push(`${result.duplicates} duplicate effects`);
  if (result.missing !== 0) problems.push(`${result.missing} timers without an effect`);
  if (result.distinctKeys !== result.timers) problems.push(`${result.distinctKeys} distinct keys with effects for ${result.timers} timers`);
  const completed = result.jobStates.completed ?? 0;
  if (completed !== result.timers) problems.push(`${completed} of ${result.timers} jobs completed (${JSON.stringify(result.jobStates)})`);
  if (result.inboxRecords !== result.timers) problems.push(`${result.inboxRecords} inbox records for ${result.timers} timers`);
  return problems.map((problem) => `polling ${result.pollingIntervalSeconds} s: ${problem}`);
}

async function main(): Promise<void> {
  const settings = settingsFrom(process.argv.slice(2), process.env);
  const root = repositoryRoot();
  // Other work on the machine skews the numbers: the load before this run started goes in the report.
  const loadBefore = loadavg()[0];
  const deadline = Date.now() + settings.timeoutSeconds * 1000;
  const instances: Instance[] = [];
  let databaseCreated = false;
  const cleanUp = async () => {
    for (const instance of instances.splice(0)) instance.kill();
    if (databaseCreated) await benchDatabase(settings.adminUrl, DATABASE).drop().catch((error: Error) => say(`cleanup (drop database ${DATABASE}) failed: ${error.message}`));
  };
  const abort = (why: string) => {
    say(`${why}: tearing down`);
    // Bounded too: a teardown that hangs must not keep the run alive.
    setTimeout(() => process.exit(1), 30_000).unref();
    void cleanUp().then(() => process.exit(1));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort(signal));
  const watchdog = setTimeout(() => abort(`timed out after ${settings.timeoutSeconds} s (--timeout-seconds)`), settings.timeoutSeconds * 1000);

  try {
    await ensurePostgresRunning(settings.adminUrl, say);
    await benchDatabase(settings.adminUrl, DATABASE).recreate();
    databaseCreated = true;
    const databaseUrl = benchDatabase(settings.adminUrl, DATABASE).url();
    const postgresVersion = await withPgClient(databaseUrl, async (client) => (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version);
    say(
      `${settings.timers} timers due at one instant, ${INSTANCES.length} instances (child processes), ` +
        `polling intervals ${settings.pollingIntervals.join(', ')} s, timeout ${settings.timeoutSeconds} s`,
    );

    const rounds: RoundResult[] = [];
    const problems: string[] = [];
    for (const pollingIntervalSeconds of settings.pollingIntervals) {
      const result = await runRound({ settings, databaseUrl, deadline, instances }, pollingIntervalSeconds);
      printRound(result);
      rounds.push(result);
      const found = checkRound(result);
      for (const problem of found) say(`PROBLEM: ${problem}`);
      problems.push(...found);
    }

    const section = renderSection({ settings, machine: machineOf(postgresVersion), loadBefore, date: new Date(), commit: gitCommit(root), problems }, rounds);
    if (settings.writeDocs) {
      const file = join(root, 'docs', 'benchmarks.md');
      writeMarkedSection(file, { start: SECTION_START, end: SECTION_END, after: AFTER_SECTION }, section);
      say(`results written to ${file}`);
    }
    if (problems.length > 0) {
      say(`FAILED: ${problems.length} problem(s): ${problems.join('; ')}`);
      process.exitCode = 1;
    } else {
      say('every timer fired exactly once');
    }
  } finally {
    clearTimeout(watchdog);
    say('tearing down');
    await cleanUp();
  }
}

async function waitUntil(done: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${(timeoutMs / 1000).toFixed(0)} s waiting until ${what}`);
    await sleep(250);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- output ----



function printRound(result: RoundResult): void {
  say(`polling interval ${result.pollingIntervalSeconds} s: ${result.timers} timers`);
  const line = (label: string, text: string) => console.log(`    ${label.padEnd(30)} ${text}`);
  line('scheduled in', `${ms(result.schedulingMs)} (${perSecond(result.timers, result.schedulingMs)} timers/s), ${ms(result.scheduledAheadMs)} before due`);
  line('due → last fired (drain)', `${ms(result.drainMs)} (${perSecond(result.timers, result.drainMs)} firings/s)`);
  line('lag p50 / p95 / p99 / max', `${ms(result.lags.p50)} / ${ms(result.lags.p95)} / ${ms(result.lags.p99)} / ${ms(result.lags.max)}`);
  for (const instance of result.instances) {
    line(`instance ${instance.name}`, `${instance.firings} firings, ${ms(instance.firstMs)} → ${ms(instance.lastMs)} after due, CPU ${ms(instance.cpuMs)}, outcomes ${JSON.stringify(instance.fired)}`);
  }
  line('exactly once', `${result.distinctKeys} distinct keys, ${result.duplicates} duplicates, ${result.missing} missing; jobs ${JSON.stringify(result.jobStates)}, ${result.retried} retried`);
}

interface Machine {
  readonly nproc: string;
  readonly memory: string;
  readonly cpuModel: string;
  readonly kernel: string;
  readonly node: string;
  readonly pgBoss: string;
  readonly postgres: string;
}

interface RunContext {
  readonly settings: Settings;
  readonly machine: Machine;
  readonly date: Date;
  readonly commit: string;
  readonly loadBefore: number;
  readonly problems: readonly string[];
}

function machineOf(postgresVersion: string): Machine {
  return { ...hostMachine(), pgBoss: installedVersion('pg-boss'), postgres: postgresVersion };
}


function renderSection(context: RunContext, rounds: readonly RoundResult[]): string {
  const { settings, machine, date } = context;
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const polling = (round: RoundResult) => `${round.pollingIntervalSeconds} s`;
  const lines = [
    SECTION_START,
    '## Durable timers: many due at one instant, two instances',
    '',
    `${settings.timers.toLocaleString('en-US')} timers (\`PgBossTimers\`, libs/platform/src/timers) set to fall due at the same instant, fired by`,
    `${INSTANCES.length} instances working the same schema, each a child process of the benchmark with its own \`PgBossTimers\``,
    'and database pool, as two replicas of a service would be. The benchmark process sets the timers through a',
    '`PgBossTimers` of its own, in units of work, and stops it before they fall due. Each firing runs in its own unit of',
    'work with its inbox record, and the handler inserts one `effects` row stamped `clock_timestamp()`; lags are',
    'from the due instant to that stamp, on the database’s clock. Exactly once is checked on those rows (one per key,',
    'none missing) and on pg-boss’s job table (every job `completed`, none left to fire again).',
    '',
    '### How to rerun',
    '',
    '```sh',
    'scripts/bench-timers.sh                          # defaults below; --no-docs to leave this file alone',
    'scripts/bench-timers.sh --timers 20000 --polling-interval 1',
    '```',
    '',
    `The script creates its own database (\`${DATABASE}\`, via \`PG_ADMIN_URL\`), needs no broker, drops the database at the`,
    'end, and stops by itself after `--timeout-seconds` (a failure then). It exits non-zero when any timer fired twice or',
    'not at all.',
    '',
    `Settings of this run: ${settings.timers} timers, set ${settings.perTransaction} per unit of work; one round per polling interval`,
    `(${settings.pollingIntervals.map((interval) => `${interval} s`).join(', ')}; \`pollingIntervalSeconds\`, 1 s unless told, as the services run), each on a fresh`,
    `schema with ${PROBE_TIMERS} more timers pending for the next day; database pool of ${settings.poolSize} per instance (the services’`,
    `default). Fixed by \`PgBossTimers\` and not changed: batches of ${WORKER_BATCH} per fetch, the next fetched at once while they come back full, one fetch loop per instance, a`,
    `pg-boss pool of ${BOSS_POOL} connections per instance. The timers fall due ${settings.leadSeconds !== undefined ? `${settings.leadSeconds} s` : '5 s plus half again the time the probe’s rate predicts for setting them'}`,
    `after setting them began (${rounds.map((round) => ms(round.leadMs)).join(', ')}); the benchmark fails if the last were set after that.`,
    '',
    '### Machine',
    '',
    row(['', '']),
    row(['---', '---']),
    row(['CPU', `${machine.cpuModel}, ${machine.nproc} CPUs (nproc)`]),
    row(['Memory', machine.memory]),
    row(['OS', machine.kernel]),
    row(['Node.js', machine.node]),
    row(['pg-boss', machine.pgBoss]),
    row(['PostgreSQL', `${machine.postgres} (local, default settings)`]),
    '',
    `Date: ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${context.commit}.`,
    `Both instances, the benchmark and the database share the machine’s CPUs; the 1-minute load average was ${context.loadBefore.toFixed(2)} when the run began.`,
    '',
    '### Results',
    '',
    row(['Polling interval', 'Setting them took', 'Set before due', 'Due → last fired (drain)', 'Firings/s', 'Lag p50 / p95 / p99']),
    row(['---', '---:', '---:', '---:', '---:', '---:']),
    ...rounds.map((round) =>
      row([
        polling(round),
        `${ms(round.schedulingMs)} (${perSecond(round.timers, round.schedulingMs)} timers/s)`,
        ms(round.scheduledAheadMs),
        ms(round.drainMs),
        perSecond(round.timers, round.drainMs),
        `${ms(round.lags.p50)} / ${ms(round.lags.p95)} / ${ms(round.lags.p99)}`,
      ]),
    ),
    '',
    'Per instance:',
    '',
    row(['Polling interval', 'Instance', 'Firings', 'Share', 'First / last firing after due', 'CPU used (process)']),
    row(['---', '---', '---:', '---:', '---:', '---:']),
    ...rounds.flatMap((round) =>
      round.instances.map((instance) =>
        row([
          polling(round),
          instance.name,
          String(instance.firings),
          `${((100 * instance.firings) / round.timers).toFixed(1)} %`,
          `${ms(instance.firstMs)} / ${ms(instance.lastMs)}`,
          ms(instance.cpuMs),
        ]),
      ),
    ),
    '',
    'Exactly once:',
    '',
    row(['Polling interval', 'Keys with an effect', 'Duplicate effects', 'Missing', 'Jobs completed', 'Inbox records', 'Firings retried', 'Inbox duplicates skipped']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...rounds.map((round) =>
      row([
        polling(round),
        String(round.distinctKeys),
        String(round.duplicates),
        String(round.missing),
        `${round.jobStates.completed ?? 0} of ${round.timers}`,
        String(round.inboxRecords),
        String(round.retried),
        String(round.instances.reduce((sum, instance) => sum + instance.fired.duplicate, 0)),
      ]),
    ),
    '',
    `Firings/s is timers over drain time. Each instance fetches a batch of ${WORKER_BATCH} and fires it, one unit of work after the`,
    `other; while batches come back full it fetches the next at once (pg-boss's \`burstWhenBatchFull\`), so a backlog of due`,
    'timers drains at the speed of the firings themselves, and the polling interval only bounds how soon an idle instance sees',
    'the first of them (NOTIFY wakes it sooner for a timer set due at once). Without the burst, two instances fired at most',
    `2 × ${WORKER_BATCH} per polling interval: 40/s at 1 s, a 250 s drain for these 10,000 (measured before it was turned on).`,
    'CPU the instances used (process CPU, start-up and warm-up included): ' +
      rounds
        .map(
          (round) =>
            `at ${polling(round)}, ${ms(round.instances.reduce((sum, instance) => sum + instance.cpuMs, 0))} of CPU for both over a ${ms(round.drainMs)} drain ` +
            `(${((100 * round.instances.reduce((sum, instance) => sum + instance.cpuMs, 0)) / round.instances.length / round.drainMs).toFixed(1)} % of a core each)`,
        )
        .join('; ') +
      '.',
    ...(context.problems.length > 0 ? ['', `**This run found problems:** ${context.problems.join('; ')}.`] : []),
    SECTION_END,
  ];
  return lines.join('\n');
}


const instanceConfig = process.env.BENCH_TIMERS_INSTANCE;
if (instanceConfig) {
  runInstance(JSON.parse(instanceConfig) as InstanceConfig).catch((error: Error) => {
    console.error(`[bench-timers] instance failed: ${error.stack ?? error.message}`);
    process.exit(1);
  });
} else {
  main().catch((error: Error) => {
    console.error(`[bench-timers] failed: ${error.stack ?? error.message}`);
    process.exit(1);
  });
}
