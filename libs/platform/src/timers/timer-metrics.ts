import type { Counter, Histogram } from 'prom-client';
import type { PgBoss } from 'pg-boss';
import type { ServiceMetrics } from '@mb/observability';

const TIMER_OUTCOMES = ['applied', 'duplicate', 'failed', 'refused', 'early'] as const;
export type TimerOutcome = (typeof TIMER_OUTCOMES)[number];

// Seconds from due to fired: polling adds up to a second; a backlog or downtime adds more.
const LAG_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600];

/**
 * The timers' metrics on GET /metrics: how many were set, cancelled and fired (by outcome), how
 * late they fired, and how many wait now (read from pg-boss at scrape time).
 */
export class TimerMetrics {
  private readonly scheduledTotal: Counter<'timer'>;
  private readonly cancelledTotal: Counter<'timer'>;
  private readonly firedTotal: Counter<'timer' | 'outcome'>;
  private readonly lagSeconds: Histogram<'timer'>;

  constructor(metrics: ServiceMetrics, boss: PgBoss, timers: readonly string[]) {
    // Every timer (and outcome) at 0 from the start, so that the first failure is an increase TimersFailing sees.
    const everyTimer = timers.map((timer) => ({ timer }));
    this.scheduledTotal = metrics.counter({ name: 'mb_timers_scheduled_total', help: 'Timers set (or moved), counted when their unit of work committed.', labelNames: ['timer'], startsAtZeroFor: everyTimer });
    this.cancelledTotal = metrics.counter({ name: 'mb_timers_cancelled_total', help: 'Pending timers cancelled because the state they waited for changed.', labelNames: ['timer'], startsAtZeroFor: everyTimer });
    this.firedTotal = metrics.counter({
      name: 'mb_timers_fired_total',
      help: 'Timer firings by outcome: applied, duplicate (fired before; no second effect), failed (retried with backoff), refused (a business rule; not retried), early (before its business due instant; set again for it, not run).',
      labelNames: ['timer', 'outcome'],
      startsAtZeroFor: timers.flatMap((timer) => TIMER_OUTCOMES.map((outcome) => ({ timer, outcome }))),
    });
    this.lagSeconds = metrics.histogram({ name: 'mb_timer_lag_seconds', help: 'How long after its due instant a timer fired.', labelNames: ['timer'], buckets: LAG_BUCKETS });
    metrics.sampledGauge({
      name: 'mb_timers_pending',
      help: 'Timers waiting: deferred (not due yet), ready (due, not yet fired) and active (firing now).',
      labelNames: ['timer', 'state'],
      sample: async () =>
        (
          await Promise.all(
            timers.map(async (timer) => {
              const [stats] = await boss.getQueueStats(timer);
              return [
                { labels: { timer, state: 'deferred' }, value: stats?.deferredCount ?? 0 },
                { labels: { timer, state: 'ready' }, value: stats?.readyCount ?? 0 },
                { labels: { timer, state: 'active' }, value: stats?.activeCount ?? 0 },
              ];
            }),
          )
        ).flat(),
    });
  }

  scheduled(timer: string): void {
    this.scheduledTotal.inc({ timer });
  }

  cancelled(timer: string, count: number): void {
    this.cancelledTotal.inc({ timer }, count);
  }

  fired(timer: string, outcome: TimerOutcome): void {
    this.firedTotal.inc({ timer, outcome });
  }

  lag(timer: string, seconds: number): void {
    this.lagSeconds.observe({ timer }, Math.max(0, seconds));
  }
}
