import { DataSource } from 'typeorm';
import { DomainRejection, OffsetClock } from '@mb/kernel';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { createLogger, ServiceMetrics } from '@mb/observability';
import { eventually, messagingTablesSql, metricValue, parsePrometheusText, type PlanNode, sequentiallyScanned, testAdminDatabaseUrl, uniqueName } from '@mb/testing';
import { type FiredTimer, JOB_ID_INDEX, PgBossTimers, type TimerHandler } from '../../src';

// The durable timers on a real PostgreSQL, through pg-boss, as a service uses them: set in a unit
// of work, fired by workers of one or more instances, each firing in a unit of work of its own.

const TIMER = 'probe.reminder';

describe('durable timers (pg-boss)', () => {
  let dataSource: DataSource;
  let schema: string;
  let unitOfWork: TypeOrmUnitOfWork;
  const engines: PgBossTimers[] = [];

  beforeAll(async () => {
    schema = uniqueName('timers');
    dataSource = await new DataSource({ type: 'postgres', url: testAdminDatabaseUrl(), poolSize: 6 }).initialize();
    await dataSource.query(`CREATE SCHEMA ${schema}`);
    for (const statement of messagingTablesSql(schema)) await dataSource.query(statement);
    // Stands for a service's state: what a timer's use case changes, one row per effect.
    await dataSource.query(`CREATE TABLE ${schema}.effects (seq bigserial PRIMARY KEY, timer_key text NOT NULL, instance text NOT NULL)`);
    unitOfWork = new TypeOrmUnitOfWork(dataSource);
    // pg-boss's tables, as a service's migration step installs them; the engines below never migrate
    await PgBossTimers.install({ schema, migrationDatabaseUrl: testAdminDatabaseUrl(), serviceName: 'timer-probe' });
  });

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
    await dataSource.destroy();
  });

  /** One instance of the service's timer engine, over the shared schema. */
  async function anEngine(clock = new OffsetClock(), metrics = new ServiceMetrics(() => undefined), clockControl = false): Promise<PgBossTimers> {
    const engine = await PgBossTimers.start({
      schema,
      databaseUrl: testAdminDatabaseUrl(),
      serviceName: 'timer-probe',
      timers: [TIMER],
      clock,
      unitOfWork,
      logger: createLogger('timer-probe', process.env.TEST_LOG_LEVEL ?? 'silent'),
      metrics,
      pollingIntervalSeconds: 0.5,
      retryDelaySeconds: 1,
      clockControl,
    });
    engines.push(engine);
    return engine;
  }

  /** A handler recording one effect per firing, in the firing's unit of work. */
  function recordingHandler(instance: string, fail?: (fired: FiredTimer) => Error | undefined): TimerHandler {
    return {
      timer: TIMER,
      async fire(fired) {
        await unitOfWork.currentManager().query(`INSERT INTO ${schema}.effects (timer_key, instance) VALUES ($1, $2)`, [fired.key, instance]);
        const error = fail?.(fired);
        if (error) throw error;
      },
    };
  }

  async function effectsOf(key: string): Promise<string[]> {
    const rows: { instance: string }[] = await dataSource.query(`SELECT instance FROM ${schema}.effects WHERE timer_key = $1 ORDER BY seq`, [key]);
    return rows.map((row) => row.instance);
  }

  const inAMoment = (ms = 300) => new Date(Date.now() + ms);


  it('fires a timer set in a committed unit of work, once, at its due instant', async () => {
    // given an engine working the timer
    const engine = await anEngine();
    await engine.work(recordingHandler('a'));
    const key = uniqueName('key');
    // when a use case sets it in its unit of work
    await unitOfWork.run(() => engine.schedule(TIMER, key, inAMoment(), { invoice_id: 'inv_1' }));
    // then it fires, with its key
    await expect(eventually(() => effectsOf(key), (effects) => effects.length === 1, `${key} fired`)).resolves.toEqual(['a']);
  });

  it('never fires a timer whose unit of work rolled back', async () => {
    // given an engine working the timer
    const engine = await anEngine();
    await engine.work(recordingHandler('a'));
    const rolledBack = uniqueName('rolled_back');
    const later = uniqueName('later');
    // when one use case sets a timer and then fails, and another sets one due after it
    await expect(
      unitOfWork.run(async () => {
        await engine.schedule(TIMER, rolledBack, inAMoment(100));
        throw new Error('the change is refused after all');
      }),
    ).rejects.toThrow('refused');
    await unitOfWork.run(() => engine.schedule(TIMER, later, inAMoment(600)));
    // then the later one fires, and the rolled-back one never existed
    await eventually(() => effectsOf(later), (effects) => effects.length === 1, `${later} fired`);
    expect(await effectsOf(rolledBack)).toEqual([]);
  });

  it('fires each timer once with two instances working the same timers', async () => {
    // given two instances of the service, both working
    const [one, two] = [await anEngine(), await anEngine()];
    await one.work(recordingHandler('one'));
    await two.work(recordingHandler('two'));
    // when 40 timers fall due at the same instant
    const keys = Array.from({ length: 40 }, () => uniqueName('both'));
    const dueAt = inAMoment(500);
    await unitOfWork.run(async () => {
      for (const key of keys) await one.schedule(TIMER, key, dueAt);
    });
    // then every one fires exactly once, whichever instance took it
    const counts = await eventually(
      async () => Promise.all(keys.map(async (key) => (await effectsOf(key)).length)),
      (all) => all.every((count) => count >= 1),
      'all 40 fired',
    );
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a second firing would show by now
    expect(await Promise.all(keys.map(async (key) => (await effectsOf(key)).length))).toEqual(counts.map(() => 1));
  });

  it('fires a timer that fell due while the service was down once it is back', async () => {
    // given a timer set by an instance that then stops before it is due
    const before = await anEngine();
    const key = uniqueName('downtime');
    await unitOfWork.run(() => before.schedule(TIMER, key, inAMoment(200)));
    await before.stop();
    engines.splice(engines.indexOf(before), 1);
    await new Promise((resolve) => setTimeout(resolve, 700)); // due now, with nobody working
    expect(await effectsOf(key)).toEqual([]);
    // when the service starts again
    const after = await anEngine();
    await after.work(recordingHandler('after-restart'));
    // then the overdue timer fires
    await expect(eventually(() => effectsOf(key), (effects) => effects.length === 1, `${key} fired after restart`)).resolves.toEqual(['after-restart']);
  });

  it('cancels a pending timer when the state it waited for changes, and moves one set again', async () => {
    // given an engine working the timer
    const engine = await anEngine();
    await engine.work(recordingHandler('a'));
    const cancelled = uniqueName('cancelled');
    const moved = uniqueName('moved');
    // when one timer is set and then cancelled, and another set and then set again later
    await unitOfWork.run(() => engine.schedule(TIMER, cancelled, inAMoment(400)));
    await unitOfWork.run(() => engine.schedule(TIMER, moved, inAMoment(400)));
    await unitOfWork.run(() => engine.cancel(TIMER, cancelled));
    await unitOfWork.run(() => engine.schedule(TIMER, moved, inAMoment(1200)));
    // then the moved one fires once, and the cancelled one never
    await eventually(() => effectsOf(moved), (effects) => effects.length === 1, `${moved} fired`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await effectsOf(moved)).toHaveLength(1);
    expect(await effectsOf(cancelled)).toEqual([]);
  });

  it('has one effect when a timer fires twice, retries a failure, and does not retry a business refusal', async () => {
    // given a handler that fails the first attempt of one timer and refuses another
    const metrics = new ServiceMetrics(() => undefined);
    const engine = await anEngine(new OffsetClock(), metrics);
    const flaky = uniqueName('flaky');
    const refused = uniqueName('refused');
    const twice = uniqueName('twice');
    await engine.work(
      recordingHandler('a', (fired) => {
        if (fired.key === flaky && fired.retryCount === 0) return new Error('the database blinked');
        if (fired.key === refused) return new DomainRejection('conflict', 'probe.not_due', 'nothing to remind of');
        return undefined;
      }),
    );
    // when the three are set; and the inbox already holds the third's firing (its worker died
    // after the effect committed, before pg-boss heard of it)
    await unitOfWork.run(async () => {
      await engine.schedule(TIMER, flaky, inAMoment());
      await engine.schedule(TIMER, refused, inAMoment());
      await engine.schedule(TIMER, twice, inAMoment(5_000));
    });
    // (the third is found and marked applied before it is due)
    const [job] = await dataSource.query(`SELECT id FROM ${schema}.job WHERE singleton_key = $1`, [twice]);
    await dataSource.query(`INSERT INTO ${schema}.inbox (consumer_group, event_id, topic, kafka_partition, kafka_offset) VALUES ($1, $2, $1, 0, 0)`, [
      `timer:${TIMER}`,
      job.id,
    ]);
    await unitOfWork.run(() => engine.schedule(TIMER, twice, inAMoment(100)));
    // then the flaky one is retried and applied once (its failed attempt rolled back), the refused
    // one is not retried, and the one applied before has no second effect
    await eventually(() => effectsOf(flaky), (effects) => effects.length === 1, `${flaky} applied after a retry`);
    const series = await eventually(
      async () => parsePrometheusText((await metrics.exposition()).body),
      (all) => (metricValue(all, 'mb_timers_fired_total', { timer: TIMER, outcome: 'duplicate' }) ?? 0) >= 1,
      'the duplicate counted',
    );
    expect(await effectsOf(refused)).toEqual([]);
    expect(await effectsOf(twice)).toEqual([]);
    expect(metricValue(series, 'mb_timers_fired_total', { timer: TIMER, outcome: 'failed' })).toBe(1);
    expect(metricValue(series, 'mb_timers_fired_total', { timer: TIMER, outcome: 'refused' })).toBe(1);
    expect(metricValue(series, 'mb_timers_scheduled_total', { timer: TIMER })).toBe(4);
    expect(metricValue(series, 'mb_timer_lag_seconds_count', { timer: TIMER })).toBeGreaterThanOrEqual(4);
  });

  it('keeps business time: a timer due in a day fires when the test clock passes it', async () => {
    // given a service whose clock can be moved, and a timer due a day from now by that clock
    const clock = new OffsetClock();
    const engine = await anEngine(clock);
    await engine.work(recordingHandler('a'));
    const key = uniqueName('tomorrow');
    await unitOfWork.run(() => engine.schedule(TIMER, key, new Date(clock.now().getTime() + 86_400_000)));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await effectsOf(key)).toEqual([]);
    // when the clock moves on a day (as PUT /v1/test-clock does)
    const to = new Date(clock.now().getTime() + 86_400_000 + 1000);
    await engine.moveClock(() => clock.travelTo(to));
    // then the timer fires
    await expect(eventually(() => effectsOf(key), (effects) => effects.length === 1, `${key} fired`)).resolves.toEqual(['a']);
  });

  it('moves a timer set while the test clock moves exactly once: it falls due neither early nor late', async () => {
    // given a service whose clock can be moved, and a use case that has set a timer (due in two
    // days by that clock) and not yet committed
    const clock = new OffsetClock();
    const engine = await anEngine(clock, undefined, true);
    const [setBefore, setDuring] = [uniqueName('set_before_move'), uniqueName('set_during_move')];
    const dueAt = new Date(clock.now().getTime() + 2 * 86_400_000);
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    const openUseCase = unitOfWork.run(async () => {
      await engine.schedule(TIMER, setBefore, dueAt);
      await committed;
    });
    // when the clock is moved on a day meanwhile, and another use case sets a timer while the move waits
    let moved = false;
    const move = engine.moveClock(() => clock.travelTo(new Date(clock.now().getTime() + 86_400_000))).then(() => (moved = true));
    await unitOfWork.run(() => engine.schedule(TIMER, setDuring, dueAt));
    expect(moved).toBe(false);
    commit();
    await Promise.all([openUseCase, move]);
    // then both are due a day from now in real time: the move waited for the open use case to
    // commit, so neither timer is moved twice (early) or missed (late)
    for (const key of [setBefore, setDuring]) {
      const [{ start_after: startAfter }]: { start_after: Date }[] = await dataSource.query(`SELECT start_after FROM ${schema}.job WHERE singleton_key = $1 AND state = 'created'`, [key]);
      expect(Math.abs(new Date(startAfter).getTime() - (Date.now() + 86_400_000))).toBeLessThan(60_000);
    }
  });

  it('sets a timer fetched before its business due instant again for that instant, without running it', async () => {
    // given a timer due in a day, whose job falls due now in real time (as after a process
    // restarted with its test clock behind the one that stored it)
    const metrics = new ServiceMetrics(() => undefined);
    const engine = await anEngine(new OffsetClock(), metrics);
    const key = uniqueName('early');
    await unitOfWork.run(() => engine.schedule(TIMER, key, new Date(Date.now() + 86_400_000)));
    await dataSource.query(`UPDATE ${schema}.job SET start_after = now() WHERE singleton_key = $1`, [key]);
    // when its worker fetches it
    await engine.work(recordingHandler('a'));
    // then it is set again for a day from now, and its handler has not run
    const rows = await eventually(
      () => dataSource.query(`SELECT state, start_after FROM ${schema}.job WHERE singleton_key = $1 ORDER BY created_on`, [key]) as Promise<{ state: string; start_after: Date }[]>,
      (jobs) => jobs.length === 2 && jobs[0].state === 'completed',
      `${key} set again`,
    );
    expect(rows[1].state).toBe('created');
    expect(Math.abs(new Date(rows[1].start_after).getTime() - (Date.now() + 86_400_000))).toBeLessThan(60_000);
    expect(await effectsOf(key)).toEqual([]);
    expect(metricValue(parsePrometheusText((await metrics.exposition()).body), 'mb_timers_fired_total', { timer: TIMER, outcome: 'early' })).toBe(1);
  });

  it("moves a pending timer through an index lookup of its job, however many finished jobs lie beside it", async () => {
    // given a pending timer among 5,000 finished jobs of the same timer (a busy service's week)
    const engine = await anEngine();
    const key = uniqueName('pending');
    await unitOfWork.run(() => engine.schedule(TIMER, key, inAMoment(60_000)));
    await dataSource.query(
      `INSERT INTO ${schema}.job SELECT (jsonb_populate_record(job, jsonb_build_object('id', gen_random_uuid(), 'state', 'completed', 'singleton_key', 'done-' || n))).*
         FROM ${schema}.job job, generate_series(1, 5000) n WHERE job.singleton_key = $1`,
      [key],
    );
    await dataSource.query(`ANALYZE ${schema}.job`);
    // when it is moved, the statement pg-boss's upsert ends with (UPDATE … WHERE id IN (the job found by key))
    const rows: { 'QUERY PLAN': [{ Plan: PlanNode }] }[] = await dataSource.query(
      `EXPLAIN (FORMAT JSON) UPDATE ${schema}.job_common job SET start_after = now()
        WHERE job.id IN (SELECT found.id FROM ${schema}.job_common found WHERE found.name = $1 AND found.state < 'active' AND found.singleton_key = $2 ORDER BY found.created_on DESC LIMIT 1)`,
      [TIMER, key],
    );
    // then neither the job it moves nor the one it finds is looked for by reading the whole table
    expect(sequentiallyScanned(rows[0]['QUERY PLAN'][0].Plan, ['job_common'])).toEqual([]);
    const indexes: { indexdef: string }[] = await dataSource.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'job' AND indexname = $2`, [schema, JOB_ID_INDEX]);
    expect(indexes.map((index) => index.indexdef)).toEqual([expect.stringMatching(/USING btree \(id\)$/)]);
  });
});
