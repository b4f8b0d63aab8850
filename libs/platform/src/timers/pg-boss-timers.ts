import { Client } from 'pg';
import { type JobResult, type JobWithMetadata, PgBoss } from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { OffsetClock, Timers } from '@mb/kernel';
import { classifyFailure, failureCodeOf, recordInInbox, type TypeOrmUnitOfWork } from '@mb/messaging';
import type { Logger, ServiceMetrics } from '@mb/observability';
import type { FiredTimer, TimerHandler } from './timer-handler';
import { TimerMetrics } from './timer-metrics';

export interface PgBossTimersOptions {
  /** The service's schema: pg-boss keeps its tables there, beside the service's own. */
  readonly schema: string;
  readonly databaseUrl: string;
  readonly serviceName: string;
  /** Every timer the service sets or handles: one pg-boss queue each. */
  readonly timers: readonly string[];
  readonly clock: OffsetClock;
  readonly unitOfWork: TypeOrmUnitOfWork;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  /** How often an idle worker looks for timers come due (pg-boss polls; NOTIFY wakes it sooner). */
  readonly pollingIntervalSeconds?: number;
  /** The first retry's delay after a failed firing, doubling from there (10 s unless told). */
  readonly retryDelaySeconds?: number;
  /**
   * The test clock can be moved (CLOCK_CONTROL=enabled): every timer set or cancelled then waits
   * for a move in progress to finish (moveClock), so none is stored at a half-moved clock.
   */
  readonly clockControl?: boolean;
}

/** What a timer's pg-boss job carries: the key and business due instant, then the handler's data. */
interface TimerJobData {
  readonly key: string;
  /** Absent on a recurring timer's jobs (`repeat`): each is due when pg-boss creates it. */
  readonly due_at?: string;
  readonly data: Record<string, unknown>;
}

// Retries of a failing timer: 10 s, 20 s, 40 s … capped at 15 minutes, for about a day.
const QUEUE_OPTIONS = { retryLimit: 100, retryDelay: 10, retryBackoff: true, retryDelayMax: 900, expireInSeconds: 300 } as const;
const WORKER_BATCH = 20;

/**
 * Durable timers on pg-boss (docs/decisions.md "Timers"): a job per timer in the service's own
 * schema, written in the unit of work's transaction, so a timer set by a change that rolls back
 * never exists; fetched with SKIP LOCKED, so several instances fire it once; retried with backoff;
 * kept across restarts, so one due while the service was down fires when it is back.
 *
 * Due instants are business time (the service clock). With the test clock moved forward they are
 * stored as the real instant they stand for, and moving the clock moves the pending ones too.
 */
export class PgBossTimers extends Timers {
  private readonly metrics: TimerMetrics;
  private readonly working = new Set<string>();

  private constructor(
    private readonly boss: PgBoss,
    private readonly options: PgBossTimersOptions,
  ) {
    super();
    this.metrics = new TimerMetrics(options.metrics, boss, options.timers);
  }

  /**
   * Installs or upgrades pg-boss's tables in the schema, under pg-boss's advisory lock: DDL, so it
   * runs as the migration role (MIGRATION_DATABASE_URL), beside the service's own migrations. The
   * running engine (start) never migrates: its role has DML on the tables and nothing more.
   */
  static async install(options: { schema: string; migrationDatabaseUrl: string; serviceName: string }): Promise<void> {
    const boss = new PgBoss({
      connectionString: options.migrationDatabaseUrl,
      schema: options.schema,
      application_name: `${options.serviceName}:timers-install`,
      createSchema: false,
      migrate: true,
      supervise: false,
      schedule: false,
      max: 1,
    });
    await boss.start();
    await boss.stop({ graceful: true, timeout: 10_000 });
    await addJobIdIndex(options.migrationDatabaseUrl, options.schema);
  }

  /** Checks pg-boss's tables are installed at its version, then creates missing queues (rows, no DDL). */
  static async start(options: PgBossTimersOptions): Promise<PgBossTimers> {
    const boss = new PgBoss({
      connectionString: options.databaseUrl,
      schema: options.schema,
      application_name: `${options.serviceName}:timers`,
      // The schema is the service's own, there before its migrations ran; its login role may not
      // create schemas (no CREATE on the database), which CREATE SCHEMA IF NOT EXISTS would need.
      createSchema: false,
      // Installed by install() under the migration role; the runtime role could not run its DDL.
      migrate: false,
      max: 4,
      useListenNotify: true,
      // Cron schedules serve the platform's recurring housekeeping (`repeat`); every business timer
      // is set by a state change.
      schedule: true,
    });
    boss.on('error', (error) => options.logger.error({ err: error }, 'timer engine error'));
    await boss.start();
    for (const timer of options.timers) {
      if (!(await boss.getQueue(timer))) await boss.createQueue(timer, { ...QUEUE_OPTIONS, retryDelay: options.retryDelaySeconds ?? QUEUE_OPTIONS.retryDelay });
    }
    return new PgBossTimers(boss, options);
  }

  async schedule(timer: string, key: string, dueAt: Date, data: Record<string, unknown> = {}): Promise<void> {
    this.assertKnown(timer);
    const payload: TimerJobData = { key, due_at: dueAt.toISOString(), data };
    const db = await this.transactionDb();
    await this.waitOutClockMove(db);
    await this.boss.upsert(timer, payload, { singletonKey: key, startAfter: this.realInstantOf(dueAt), db });
    this.options.unitOfWork.afterCommit(() => this.metrics.scheduled(timer));
  }

  async cancel(timer: string, key: string): Promise<void> {
    this.assertKnown(timer);
    const db = await this.transactionDb();
    await this.waitOutClockMove(db);
    const pending = await this.boss.findJobs(timer, { key, queued: true, db });
    if (pending.length === 0) return;
    await this.boss.cancel(
      timer,
      pending.map((job) => job.id),
      { db },
    );
    this.options.unitOfWork.afterCommit(() => this.metrics.cancelled(timer, pending.length));
  }

  /**
   * Makes a timer recur on a cron expression (UTC), once per occurrence across every instance:
   * pg-boss keeps the schedule in the service's schema and its cron pass creates the jobs.
   * For housekeeping that no state change sets, such as purging expired idempotency keys.
   */
  async repeat(timer: string, cron: string): Promise<void> {
    this.assertKnown(timer);
    await this.boss.schedule(timer, cron, { key: timer, data: {} });
  }

  /** Starts firing the handler's timers; each fires in its own unit of work, with its inbox record. */
  async work(handler: TimerHandler): Promise<void> {
    this.assertKnown(handler.timer);
    this.working.add(handler.timer);
    await this.boss.work(
      handler.timer,
      {
        batchSize: WORKER_BATCH,
        localConcurrency: handler.workers ?? 1,
        pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 1,
        // A full batch means more are due: fetch the next at once rather than after the polling
        // interval, so a burst of timers falling due together drains at the speed of the firings.
        burstWhenBatchFull: true,
        includeMetadata: true,
        perJobResults: true,
      },
      async (jobs: JobWithMetadata<TimerJobData>[]): Promise<JobResult[]> => {
        const results: JobResult[] = [];
        for (const job of jobs) results.push(await this.fire(handler, job));
        return results;
      },
    );
  }

  /** Stops fetching timers, letting those in hand finish: before the application's parts close. */
  async stopWorking(): Promise<void> {
    for (const timer of this.working) await this.boss.offWork(timer, { wait: true });
    this.working.clear();
  }

  /** Stops the engine (its polling, maintenance and connections), after stopWorking. */
  async stop(): Promise<void> {
    await this.stopWorking();
    await this.boss.stop({ graceful: true, timeout: 10_000 });
  }

  /**
   * Moves the test clock (`move`) and every pending timer with it: each falls due at the real
   * instant its business due instant now stands for, as it would have had the time really passed.
   *
   * Under an exclusive lock that every schedule and cancel shares for its transaction: the move
   * waits for the transactions setting timers to commit, and those begun meanwhile wait for the
   * move. Without it, a timer stored between the clock's move and the timers' (already at the new
   * offset) was moved twice and fired days early, or one stored at the old offset after the
   * timers' move was never moved and fired days late. Re-deriving each instant from the due
   * instant, rather than shifting by the move, makes a second pass harmless too.
   */
  async moveClock(move: () => void): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: `${this.options.serviceName}:test-clock` });
    await client.connect();
    try {
      // Tried rather than waited for: a waiting exclusive request would queue every new
      // transaction's shared one behind it, and a transaction holding the shared lock may itself
      // wait for a pool connection those queued ones hold.
      while (!(await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS taken', [this.clockMoveLockKey()])).rows[0].taken) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const before = this.options.clock.now().getTime();
      move();
      const shiftMs = this.options.clock.now().getTime() - before;
      if (shiftMs > 0) await this.movePendingTimers(client, shiftMs);
    } finally {
      await client.end();
    }
  }

  /** One statement for every pending timer, however many: each at the real instant its due instant now stands for. */
  private async movePendingTimers(client: Client, shiftMs: number): Promise<void> {
    const offsetMs = this.options.clock.now().getTime() - Date.now();
    await client.query(
      `UPDATE "${this.options.schema}".job
          SET start_after = CASE WHEN data ? 'due_at' THEN (data ->> 'due_at')::timestamptz - $2 * interval '1 millisecond'
                                 -- a recurring timer's job has no business due instant: it moves by the clock's move
                                 ELSE start_after - $3 * interval '1 millisecond' END
        WHERE name = ANY($1) AND state < 'active'`,
      [this.options.timers, offsetMs, shiftMs],
    );
  }

  /** In the unit of work's transaction: waits for a test clock move in progress (moveClock), and holds the next one off until commit. */
  private async waitOutClockMove(db: TransactionDb): Promise<void> {
    if (!this.options.clockControl) return;
    await db.executeSql('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [this.clockMoveLockKey()]);
  }

  private clockMoveLockKey(): string {
    return `${this.options.schema}:test-clock`;
  }

  private async fire(handler: TimerHandler, job: JobWithMetadata<TimerJobData>): Promise<JobResult> {
    const { key, due_at: dueAt, data } = job.data;
    const fired: FiredTimer = { timer: handler.timer, key, dueAt: new Date(dueAt ?? job.startAfter), data, retryCount: job.retryCount };
    const log = { timer: handler.timer, key, jobId: job.id, dueAt, retryCount: job.retryCount };
    this.metrics.lag(handler.timer, (Date.now() - new Date(job.startAfter).getTime()) / 1000);
    try {
      if (dueAt && new Date(dueAt).getTime() > this.options.clock.now().getTime()) return await this.setAgainForDueInstant(handler.timer, job);
      const firstTime = await this.options.unitOfWork.transaction(async (manager) => {
        // The inbox makes a second firing of the same job (its worker died after the effect
        // committed, before pg-boss heard of it) a no-op, as for a redelivered event.
        const first = await recordInInbox(manager, this.options.schema, {
          consumerGroup: `timer:${handler.timer}`,
          eventId: job.id,
          topic: `timer:${handler.timer}`,
          partition: 0,
          offset: '0',
        });
        if (first) await handler.fire(fired);
        return first;
      });
      this.metrics.fired(handler.timer, firstTime ? 'applied' : 'duplicate');
      return { id: job.id, status: 'completed' };
    } catch (error) {
      if (classifyFailure(error) === 'permanent') {
        // A business refusal refuses the same timer on every retry: recorded, not retried.
        this.options.logger.error({ ...log, err: error, code: failureCodeOf(error) }, 'timer refused; not retried');
        this.metrics.fired(handler.timer, 'refused');
        return { id: job.id, status: 'completed', output: { refused: failureCodeOf(error) ?? 'permanent' } };
      }
      this.options.logger.warn({ ...log, err: error }, 'timer failed; retried with backoff');
      this.metrics.fired(handler.timer, 'failed');
      return { id: job.id, status: 'failed', output: { error: error instanceof Error ? error.message : String(error) } };
    }
  }

  /**
   * A timer fetched before its business due instant (a process restarted with its test clock
   * behind the one that stored it; two hosts' clocks a little apart) is set again for that instant
   * rather than run and refused into retry backoff. When the key has a pending timer already (set
   * again since), that one stands.
   */
  private async setAgainForDueInstant(timer: string, job: JobWithMetadata<TimerJobData>): Promise<JobResult> {
    const { key, due_at: dueAt } = job.data;
    await this.options.unitOfWork.transaction(async () => {
      const db = await this.transactionDb();
      await this.waitOutClockMove(db);
      if ((await this.boss.findJobs(timer, { key, queued: true, db })).length > 0) return;
      // A second on at least, so that a database clock a little ahead of ours never spins a timer.
      const startAfter = new Date(Math.max(this.realInstantOf(new Date(dueAt as string)).getTime(), Date.now() + 1000));
      await this.boss.upsert(timer, job.data, { singletonKey: key, startAfter, db });
    });
    this.options.logger.info({ timer, key, jobId: job.id, dueAt }, 'timer fetched before its business due instant; set again for it');
    this.metrics.fired(timer, 'early');
    return { id: job.id, status: 'completed', output: { setAgainFor: dueAt } };
  }

  /** The real instant a business instant stands for while the test clock is ahead. */
  private realInstantOf(dueAt: Date): Date {
    return new Date(dueAt.getTime() - (this.options.clock.now().getTime() - Date.now()));
  }

  /** pg-boss's view of the unit of work's transaction: its statements run on the same connection. */
  private async transactionDb(): Promise<TransactionDb> {
    const manager: EntityManager = this.options.unitOfWork.currentManager();
    const client = (await (manager.queryRunner as unknown as { connect(): Promise<TransactionClient> }).connect()) as TransactionClient;
    return { executeSql: async (text, values) => ({ rows: (await client.query(text, values)).rows }) };
  }

  private assertKnown(timer: string): void {
    if (!this.options.timers.includes(timer)) throw new Error(`unknown timer ${timer}: declare it in the service definition's timers`);
  }
}

/**
 * pg-boss keys its job table by (name, id), and moving a pending timer (upsert by key, as schedule
 * does) ends in `UPDATE job … WHERE id IN (<the job found by key>)`, with no name in that WHERE: no
 * index led with the id, so every schedule read the whole table (measured: 22 ms at 27,000 jobs,
 * notification-service's busiest statement at 200 approvals/s). This index makes it a lookup (0.2 ms).
 * On the partitioned parent, so that every partition (job_common, and any a queue gets) has it.
 */
export const JOB_ID_INDEX = 'job_id_lookup';

async function addJobIdIndex(migrationDatabaseUrl: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: migrationDatabaseUrl, application_name: 'timers-install' });
  await client.connect();
  try {
    // Two instances starting at once both install: the lock makes the second find the index made.
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${schema}.${JOB_ID_INDEX}`]);
    await client.query(`CREATE INDEX IF NOT EXISTS ${JOB_ID_INDEX} ON "${schema}".job (id)`);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/** How pg-boss runs its statements on a connection of ours. */
interface TransactionDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** The node-postgres client a TypeORM transaction runs on. */
interface TransactionClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

