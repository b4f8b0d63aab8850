// Benchmark of the event backbone: events recorded in a transactional outbox, published to Kafka by
// the outbox relay, and applied by an event consumer with its inbox. Brings up a broker and a
// database of its own, measures, writes docs/benchmarks.md, and tears everything down.
//   scripts/bench.sh [--events 5000] [--per-transaction 10] [--contracts 100] [--partitions 6]
//                    [--writers 4] [--light-events 200] [--light-gap-ms 20] [--consumer-concurrency 3] [--no-docs]
// Each option also reads from the environment (BENCH_EVENTS, BENCH_PER_TRANSACTION, ...);
// PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the superuser.
//
// Timing: all four instants of an event are taken in this process with performance.now(), so
// they share one clock: the producer's commit (its transaction resolved), the relay's send and
// its Kafka ack (the relay's producer is wrapped, nothing else of it), and the handler's run in
// the consumer's transaction.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Kafka, ProducerBatch } from 'kafkajs';
import { DataSource } from 'typeorm';
import { aMilestoneTriggeredForDisbursement, type EventData } from '@mb/events';
import {
  createKafka,
  EventConsumer,
  type EventHandler,
  OutboxRelay,
  OutboxWriter,
  prefixedTopicNaming,
} from '@mb/messaging';
import { createLogger } from '@mb/observability';
import { messagingTablesSql } from '@mb/testing';
import { ensurePostgresRunning, KAFKA_VERSION, killStaleBroker, type LocalKafka, repositoryRoot, startLocalKafka, waitForTopicLeaders } from '@mb/devstack';
import { benchDatabase, gitCommit, hostMachine, installedVersion, ms, perSecond, writeMarkedSection } from './bench-report';

const EVENT = 'milestone.status_updated';
const DATABASE = 'milestone_billing_bench';
const SCHEMA = 'bench';
const BROKER_PORT = 39092;
const CONTROLLER_PORT = 39093;
const WARM_UP_EVENTS = 30;
const SECTION_START = '<!-- backbone-benchmark:start -->';
const SECTION_END = '<!-- backbone-benchmark:end -->';

const say = (line: string) => console.log(`[bench] ${line}`);

interface Settings {
  readonly events: number;
  readonly perTransaction: number;
  readonly contracts: number;
  readonly partitions: number;
  readonly writers: number;
  readonly lightEvents: number;
  readonly lightGapMs: number;
  readonly consumerConcurrency: number;
  readonly adminUrl: string;
  readonly writeDocs: boolean;
}

function settingsFrom(argv: string[], env: NodeJS.ProcessEnv): Settings {
  const { values } = parseArgs({
    args: argv,
    allowNegative: true,
    options: {
      events: { type: 'string', short: 'n' },
      'per-transaction': { type: 'string' },
      contracts: { type: 'string' },
      partitions: { type: 'string' },
      writers: { type: 'string' },
      'light-events': { type: 'string' },
      'light-gap-ms': { type: 'string' },
      'consumer-concurrency': { type: 'string' },
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
  return {
    events: count('events', values.events, 'BENCH_EVENTS', 5000),
    perTransaction: count('per-transaction', values['per-transaction'], 'BENCH_PER_TRANSACTION', 10),
    contracts: count('contracts', values.contracts, 'BENCH_CONTRACTS', 100),
    partitions: count('partitions', values.partitions, 'BENCH_PARTITIONS', 6),
    writers: count('writers', values.writers, 'BENCH_WRITERS', 4),
    lightEvents: count('light-events', values['light-events'], 'BENCH_LIGHT_EVENTS', 200),
    lightGapMs: count('light-gap-ms', values['light-gap-ms'], 'BENCH_LIGHT_GAP_MS', 20, 0),
    consumerConcurrency: count('consumer-concurrency', values['consumer-concurrency'], 'BENCH_CONSUMER_CONCURRENCY', 3),
    adminUrl: env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    writeDocs: values.docs ?? true,
  };
}

/** The instants of each event, by event id, on this process's monotonic clock (ms). */
class Timeline {
  readonly committed = new Map<string, number>();
  readonly sendStarted = new Map<string, number>();
  readonly acked = new Map<string, number>();
  readonly consumed = new Map<string, number>();
  /** Per contract, the versions in the order the consumer applied them. */
  readonly appliedVersions = new Map<string, number[]>();
}

interface PlannedEvent {
  readonly contractId: string;
  readonly data: EventData<typeof EVENT>;
}

/** Hands out events for contracts, numbering each contract's events 1, 2, 3 ... (the `version` field). */
class EventPlanner {
  private readonly versions: number[];

  constructor(private readonly contracts: number) {
    this.versions = new Array<number>(contracts).fill(0);
  }

  next(contract: number): PlannedEvent {
    const index = contract % this.contracts;
    this.versions[index] += 1;
    const contractId = contractIdOf(index);
    const data = aMilestoneTriggeredForDisbursement({ data: { contract_id: contractId, version: this.versions[index] } }).data;
    return { contractId, data };
  }
}

function contractIdOf(index: number): string {
  return `con_bench${String(index).padStart(6, '0')}`;
}

interface PhaseResult {
  readonly name: string;
  readonly events: number;
  readonly perTransaction: number;
  readonly writers: number;
  /** First transaction began → last commit. */
  readonly produceMs: number;
  /** First commit → last event consumed. */
  readonly endToEndMs: number;
  readonly commitToSendStart: number[];
  readonly sendToAck: number[];
  readonly commitToAck: number[];
  readonly commitToConsume: number[];
  /** recorded_at → published_at from the outbox rows, on the database's clock. */
  readonly recordedToPublished: number[];
}

class Backbone {
  readonly timeline = new Timeline();
  private readonly writer: OutboxWriter;

  constructor(
    readonly dataSource: DataSource,
    readonly settings: Settings,
    naming: ReturnType<typeof prefixedTopicNaming>,
  ) {
    this.writer = new OutboxWriter({ schema: SCHEMA, topicNaming: naming });
  }

  /** One producer transaction; every event in it is stamped with the instant the commit returned. */
  async commit(events: readonly PlannedEvent[]): Promise<string[]> {
    const ids = await this.dataSource.transaction(async (manager) => {
      const recorded: string[] = [];
      for (const event of events) recorded.push((await this.writer.record(manager, EVENT, event.data)).id);
      return recorded;
    });
    const at = performance.now();
    for (const id of ids) this.timeline.committed.set(id, at);
    return ids;
  }

  async waitUntilConsumed(ids: readonly string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const missing = ids.filter((id) => !this.timeline.consumed.has(id)).length;
      if (missing === 0) return;
      if (Date.now() > deadline) throw new Error(`${missing} of ${ids.length} events not consumed after ${timeoutMs} ms`);
      await sleep(20);
    }
  }

  async result(name: string, ids: readonly string[], startedAt: number, perTransaction: number, writers: number): Promise<PhaseResult> {
    const { committed, sendStarted, acked, consumed } = this.timeline;
    const of = (map: Map<string, number>, id: string) => map.get(id) as number;
    const rows: { ms: number }[] = await this.dataSource.query(
      `SELECT extract(epoch FROM published_at - recorded_at) * 1000 AS ms FROM ${SCHEMA}.outbox WHERE event_id = ANY($1)`,
      [ids],
    );
    const firstCommit = Math.min(...ids.map((id) => of(committed, id)));
    return {
      name,
      events: ids.length,
      perTransaction,
      writers,
      produceMs: Math.max(...ids.map((id) => of(committed, id))) - startedAt,
      endToEndMs: Math.max(...ids.map((id) => of(consumed, id))) - firstCommit,
      commitToSendStart: ids.map((id) => of(sendStarted, id) - of(committed, id)),
      sendToAck: ids.map((id) => of(acked, id) - of(sendStarted, id)),
      commitToAck: ids.map((id) => of(acked, id) - of(committed, id)),
      commitToConsume: ids.map((id) => of(consumed, id) - of(committed, id)),
      recordedToPublished: rows.map((row) => Number(row.ms)),
    };
  }
}

/**
 * Wraps the sendBatch of every producer this Kafka client makes (the relay makes one), to stamp
 * each event when the relay hands it to Kafka and when Kafka acknowledges it (acks=all).
 */
function stampRelaySends(kafka: Kafka, timeline: Timeline): void {
  const makeProducer = kafka.producer.bind(kafka);
  kafka.producer = (config) => {
    const producer = makeProducer(config);
    const sendBatch = producer.sendBatch.bind(producer);
    producer.sendBatch = async (batch: ProducerBatch) => {
      const startedAt = performance.now();
      const result = await sendBatch(batch);
      const ackedAt = performance.now();
      for (const { messages } of batch.topicMessages ?? []) {
        for (const message of messages) {
          const id = eventIdOf(message.value);
          if (id === undefined) continue;
          timeline.sendStarted.set(id, startedAt);
          timeline.acked.set(id, ackedAt);
        }
      }
      return result;
    };
    return producer;
  };
}

function eventIdOf(value: Buffer | string | null): string | undefined {
  if (value === null) return undefined;
  const parsed: unknown = JSON.parse(value.toString());
  return typeof parsed === 'object' && parsed !== null && 'id' in parsed && typeof parsed.id === 'string' ? parsed.id : undefined;
}

async function lightLoad(backbone: Backbone, planner: EventPlanner): Promise<PhaseResult> {
  const { lightEvents, lightGapMs, contracts } = backbone.settings;
  say(`light load: ${lightEvents} events, one transaction each, ${lightGapMs} ms apart`);
  const ids: string[] = [];
  const startedAt = performance.now();
  for (let index = 0; index < lightEvents; index += 1) {
    ids.push(...(await backbone.commit([planner.next(index % contracts)])));
    if (lightGapMs > 0) await sleep(lightGapMs);
  }
  await backbone.waitUntilConsumed(ids, 60_000);
  return backbone.result('light load', ids, startedAt, 1, 1);
}

async function throughput(backbone: Backbone, planner: EventPlanner): Promise<PhaseResult> {
  const { events, perTransaction, writers, contracts } = backbone.settings;
  const writerCount = Math.min(writers, contracts);
  say(`throughput: ${events} events, ${perTransaction} per transaction, ${writerCount} concurrent writers, ${contracts} contracts`);
  // Writer w owns the contracts c with c % writers == w, so each contract's events are committed
  // one after the other by one writer, and the consumer must apply them in that order.
  const plans: PlannedEvent[][] = Array.from({ length: writerCount }, () => []);
  const owned = Array.from({ length: writerCount }, (_, writer) =>
    Array.from({ length: contracts }, (_, contract) => contract).filter((contract) => contract % writerCount === writer),
  );
  for (let index = 0; index < events; index += 1) {
    const writer = index % writerCount;
    const mine = owned[writer];
    plans[writer].push(planner.next(mine[Math.floor(index / writerCount) % mine.length]));
  }
  const ids: string[] = [];
  const startedAt = performance.now();
  await Promise.all(
    plans.map(async (plan) => {
      for (let offset = 0; offset < plan.length; offset += perTransaction) {
        ids.push(...(await backbone.commit(plan.slice(offset, offset + perTransaction))));
      }
    }),
  );
  say(`throughput: all ${events} events committed in ${(performance.now() - startedAt).toFixed(0)} ms; waiting for the consumer`);
  await backbone.waitUntilConsumed(ids, 120_000 + events * 20);
  return backbone.result('throughput', ids, startedAt, perTransaction, writerCount);
}

async function main(): Promise<void> {
  const settings = settingsFrom(process.argv.slice(2), process.env);
  const root = repositoryRoot();
  // Other work on the machine skews the numbers: the load before this run started goes in the report.
  const loadBefore = loadavg()[0];
  const cleanups: { what: string; run: () => Promise<void> }[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const { what, run } of cleanups.reverse()) {
        await run().catch((error: unknown) => say(`cleanup (${what}) failed: ${(error as Error).message}`));
      }
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: tearing down`);
      void cleanUp().then(() => process.exit(130));
    });
  }

  try {
    await ensurePostgresRunning(settings.adminUrl, say);
    await benchDatabase(settings.adminUrl, DATABASE).recreate();
    cleanups.push({ what: `drop database ${DATABASE}`, run: () => benchDatabase(settings.adminUrl, DATABASE).drop() });
    const databaseUrl = benchDatabase(settings.adminUrl, DATABASE).url();

    const dataDir = join(root, '.data', 'bench', 'kafka');
    killStaleBroker(dataDir);
    const broker: LocalKafka = await startLocalKafka({
      root,
      dataDir,
      brokerPort: BROKER_PORT,
      controllerPort: CONTROLLER_PORT,
      fresh: true,
      log: say,
    });
    cleanups.push({ what: 'stop Kafka', run: () => broker.stop() });

    const logger = createLogger('bench', process.env.BENCH_LOG_LEVEL ?? 'error');
    // kafkajs reports the fresh broker's coordinator still loading as errors, then retries: quiet
    // unless asked for, since the warm-up absorbs it and the checks catch anything that matters.
    const kafkaLogger = createLogger('bench', process.env.BENCH_LOG_LEVEL ?? 'fatal');
    const dataSource = new DataSource({
      type: 'postgres',
      url: databaseUrl,
      poolSize: settings.writers + settings.consumerConcurrency + 3,
      applicationName: 'backbone-benchmark',
    });
    await dataSource.initialize();
    cleanups.push({ what: 'close the database pool', run: () => dataSource.destroy() });
    await dataSource.query(`CREATE SCHEMA ${SCHEMA}`);
    for (const statement of messagingTablesSql(SCHEMA)) await dataSource.query(statement);
    await dataSource.query(
      `CREATE TABLE ${SCHEMA}.effects (seq bigserial PRIMARY KEY, event_id text NOT NULL UNIQUE, contract_id text NOT NULL, version int NOT NULL)`,
    );
    const postgresVersion = ((await dataSource.query('SHOW server_version')) as { server_version: string }[])[0].server_version;

    // Topics of this run's own, in case an older broker answered on the port and was reused.
    const naming = prefixedTopicNaming(`bench.${Date.now().toString(36)}.`);
    const consumerKafka = createKafka('bench-consumer', broker.brokers, kafkaLogger, { ...broker.admin, tls: false });
    await createTopics(consumerKafka, [
      { topic: naming.topicOf(EVENT), numPartitions: settings.partitions },
      { topic: naming.deadLetterTopicOf(naming.topicOf(EVENT)), numPartitions: 1 },
    ]);

    const backbone = new Backbone(dataSource, settings, naming);
    const { timeline } = backbone;
    const relayKafka = createKafka('bench-relay', broker.brokers, kafkaLogger, { ...broker.admin, tls: false });
    stampRelaySends(relayKafka, timeline);
    const relay = new OutboxRelay({ schema: SCHEMA, dataSource, databaseUrl, kafka: relayKafka, logger });
    await relay.start();
    cleanups.push({ what: 'stop the relay', run: () => relay.stop() });

    const handler: EventHandler<typeof EVENT> = {
      event: EVENT,
      async handle(envelope, { manager }) {
        timeline.consumed.set(envelope.id, performance.now());
        const { contract_id: contractId, version } = envelope.data;
        await manager.query(`INSERT INTO ${SCHEMA}.effects (event_id, contract_id, version) VALUES ($1, $2, $3)`, [envelope.id, contractId, version]);
        const applied = timeline.appliedVersions.get(contractId) ?? [];
        applied.push(version ?? 0);
        timeline.appliedVersions.set(contractId, applied);
      },
    };
    const consumer = new EventConsumer({
      kafka: consumerKafka,
      dataSource,
      schema: SCHEMA,
      groupId: `bench-consumer-${Date.now().toString(36)}`,
      handlers: [handler],
      logger,
      topicNaming: naming,
      partitionsConsumedConcurrently: settings.consumerConcurrency,
    });
    await consumer.start();
    cleanups.push({ what: 'stop the consumer', run: () => consumer.stop() });

    // Warm-up, not measured: the consumer joins its group and every client learns its partitions.
    const planner = new EventPlanner(settings.contracts);
    const warmUp: string[] = [];
    for (let index = 0; index < WARM_UP_EVENTS; index += 1) warmUp.push(...(await backbone.commit([planner.next(index)])));
    await backbone.waitUntilConsumed(warmUp, 60_000);
    say(`warm-up: ${WARM_UP_EVENTS} events went through`);

    const light = await lightLoad(backbone, planner);
    printPhase(light);
    const heavy = await throughput(backbone, planner);
    printPhase(heavy);

    const problems = await check(backbone, consumer, relay, WARM_UP_EVENTS + settings.lightEvents + settings.events);
    for (const problem of problems) say(`PROBLEM: ${problem}`);

    const context: RunContext = {
      settings,
      machine: machineOf(postgresVersion),
      loadBefore,
      date: new Date(),
      commit: gitCommit(root),
      problems,
    };
    const section = renderSection(context, [light, heavy]);
    if (settings.writeDocs) {
      const file = join(root, 'docs', 'benchmarks.md');
      writeMarkedSection(file, { start: SECTION_START, end: SECTION_END }, section);
      say(`results written to ${file}`);
    }
    const lightPublishP50 = percentile(light.commitToAck, 50);
    say(
      `commit-to-publish median at light load: ${ms(lightPublishP50)} (target < 50 ms): ${lightPublishP50 < 50 ? 'met' : 'NOT met'}`,
    );
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    say('tearing down');
    await cleanUp();
  }
}

/** What a correct run guarantees: every event applied once, in order per contract, nothing left behind. */
async function check(backbone: Backbone, consumer: EventConsumer, relay: OutboxRelay, expected: number): Promise<string[]> {
  const problems: string[] = [];
  const [{ effects, distinct }] = await backbone.dataSource.query(
    `SELECT count(*)::int AS effects, count(DISTINCT event_id)::int AS distinct FROM ${SCHEMA}.effects`,
  );
  if (effects !== expected || distinct !== expected) problems.push(`${effects} effects (${distinct} distinct) for ${expected} events`);
  const pending = await relay.pendingCount();
  if (pending !== 0) problems.push(`${pending} outbox rows still unpublished`);
  if (consumer.stats.deadLettered > 0) problems.push(`${consumer.stats.deadLettered} events dead-lettered`);
  if (consumer.stats.retries > 0) problems.push(`${consumer.stats.retries} handler retries`);
  for (const [contractId, versions] of backbone.timeline.appliedVersions) {
    const outOfOrder = versions.findIndex((version, index) => index > 0 && version <= versions[index - 1]);
    if (outOfOrder > 0) problems.push(`${contractId}: version ${versions[outOfOrder]} applied after ${versions[outOfOrder - 1]}`);
  }
  say(
    `checks: ${effects} effects for ${expected} events, ${consumer.stats.duplicates} duplicates skipped by the inbox, ` +
      `${pending} pending, per-contract order ${problems.some((problem) => problem.includes('applied after')) ? 'BROKEN' : 'kept'}`,
  );
  return problems;
}

async function createTopics(kafka: Kafka, topics: { topic: string; numPartitions: number }[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((topic) => ({ ...topic, replicationFactor: 1 })), waitForLeaders: false });
    await waitForTopicLeaders(admin, topics.map(({ topic }) => topic));
  } finally {
    await admin.disconnect();
  }
}

// ---- statistics and output ----

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}



function spread(values: readonly number[]): string {
  return `${ms(percentile(values, 50))} / ${ms(percentile(values, 99))}`;
}

function printPhase(result: PhaseResult): void {
  say(`${result.name}: ${result.events} events`);
  const line = (label: string, text: string) => console.log(`    ${label.padEnd(34)} ${text}`);
  line('committed in', `${ms(result.produceMs)} (${perSecond(result.events, result.produceMs)} events/s)`);
  line('first commit → last consumed', `${ms(result.endToEndMs)} (${perSecond(result.events, result.endToEndMs)} events/s)`);
  line('commit → Kafka ack    p50 / p99', spread(result.commitToAck));
  line('commit → consumed     p50 / p99', `${spread(result.commitToConsume)} (max ${ms(Math.max(...result.commitToConsume))})`);
  line('  commit → relay sends  p50 / p99', spread(result.commitToSendStart));
  line('  relay send → ack      p50 / p99', spread(result.sendToAck));
  line('  outbox recorded_at → published_at p50', ms(percentile(result.recordedToPublished, 50)));
}

interface Machine {
  readonly nproc: string;
  readonly memory: string;
  readonly cpuModel: string;
  readonly kernel: string;
  readonly node: string;
  readonly kafka: string;
  readonly kafkajs: string;
  readonly postgres: string;
}

interface RunContext {
  readonly settings: Settings;
  readonly machine: Machine;
  readonly date: Date;
  readonly commit: string;
  /** The 1-minute load average when the run began, before its own broker started. */
  readonly loadBefore: number;
  readonly problems: readonly string[];
}

function machineOf(postgresVersion: string): Machine {
  return { ...hostMachine(), kafka: `${KAFKA_VERSION} (single KRaft node, local)`, kafkajs: installedVersion('kafkajs'), postgres: postgresVersion };
}


function renderSection(context: RunContext, phases: readonly PhaseResult[]): string {
  const { settings, machine, date } = context;
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const phaseLoad = (phase: PhaseResult) =>
    phase.name === 'light load'
      ? `1 event/transaction, 1 writer, ${settings.lightGapMs} ms apart`
      : `${phase.perTransaction} events/transaction, ${phase.writers} writers`;
  const lines = [
    SECTION_START,
    '## Event backbone: outbox → Kafka → inbox',
    '',
    'Events (`milestone.status_updated`) recorded with `OutboxWriter` inside PostgreSQL transactions, published by',
    '`OutboxRelay` (defaults: batches of 500, LISTEN/NOTIFY wake-up, 1 s poll), and applied by an `EventConsumer`',
    'whose handler writes an `effects` row in the same transaction as its inbox record. Latencies are measured in one',
    'process on one clock: from the producer transaction’s commit to the relay’s Kafka ack (acks=all) and to the',
    'consumer handler’s run.',
    '',
    '### How to rerun',
    '',
    '```sh',
    'scripts/bench.sh                      # defaults below; --no-docs to leave this file alone',
    'scripts/bench.sh --events 20000 --per-transaction 50 --writers 8',
    '```',
    '',
    'The script starts its own broker (ports 39092/39093, data in `.data/bench/kafka`) and database',
    `(\`${DATABASE}\`, via \`PG_ADMIN_URL\`), and removes both at the end.`,
    '',
    `Settings of this run: ${settings.lightEvents} light-load events; ${settings.events} throughput events, ` +
      `${settings.perTransaction} per transaction, ${settings.writers} writers, ${settings.contracts} contracts (keys), ` +
      `${settings.partitions} partitions, consumer handling ${settings.consumerConcurrency} partitions at once.`,
    '',
    '### Machine',
    '',
    row(['', '']),
    row(['---', '---']),
    row(['CPU', `${machine.cpuModel}, ${machine.nproc} CPUs (nproc)`]),
    row(['Memory', machine.memory]),
    row(['OS', machine.kernel]),
    row(['Node.js', machine.node]),
    row(['Kafka', `${machine.kafka}; kafkajs ${machine.kafkajs}`]),
    row(['PostgreSQL', `${machine.postgres} (local, default settings)`]),
    '',
    `Date: ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${context.commit}.`,
    `Broker, database and benchmark share the machine’s CPUs; the 1-minute load average was ${context.loadBefore.toFixed(2)} when the run began.`,
    '',
    '### Results',
    '',
    row(['Phase', 'Load', 'Events', 'Committed/s', 'End-to-end events/s', 'Commit → publish p50 / p99', 'Commit → consume p50 / p99']),
    row(['---', '---', '---:', '---:', '---:', '---:', '---:']),
    ...phases.map((phase) =>
      row([
        phase.name,
        phaseLoad(phase),
        String(phase.events),
        perSecond(phase.events, phase.produceMs),
        perSecond(phase.events, phase.endToEndMs),
        spread(phase.commitToAck),
        spread(phase.commitToConsume),
      ]),
    ),
    '',
    'Where the commit-to-publish time goes:',
    '',
    row(['Phase', 'Commit → relay sends p50 / p99', 'Relay send → Kafka ack p50 / p99', 'Outbox `recorded_at` → `published_at` p50']),
    row(['---', '---:', '---:', '---:']),
    ...phases.map((phase) =>
      row([phase.name, spread(phase.commitToSendStart), spread(phase.sendToAck), ms(percentile(phase.recordedToPublished, 50))]),
    ),
    '',
    'End-to-end events/s runs from the phase’s first commit to its last event consumed; committed/s from the',
    'phase’s start to its last commit. In the throughput phase, when the writers commit faster than the consumer',
    'applies (one database transaction per event), commit → consume is mostly time spent waiting in that backlog.',
    'Commit → publish is the light-load target (< 50 ms median): ' +
      `${percentile(phases[0].commitToAck, 50) < 50 ? 'met' : 'not met'} in this run.`,
    ...(context.problems.length > 0 ? ['', `**This run found problems:** ${context.problems.join('; ')}.`] : []),
    SECTION_END,
  ];
  return lines.join('\n');
}


function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((error: Error) => {
  console.error(`[bench] failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
