import { Injectable, OnModuleInit } from '@nestjs/common';
import { ServiceMetrics } from '@mb/observability';
import { ReceivablesReports } from '../../application/queries/receivables-reports.queries';
import { AGING_BUCKETS } from '../../domain/receivables/aging';

/** DSO's gauge looks back this many days, to today. */
export const DSO_GAUGE_PERIOD_DAYS = 90;
/** The forecast gauges cover the current ISO week and the three after it. */
export const FORECAST_GAUGE_WEEKS = 4;

/**
 * Issue 10 item 7: the receivables reports as business gauges for Grafana, computed at scrape time
 * by the same reports the API serves (so a panel and a CSV never disagree): AR by aging bucket and
 * currency, DSO over the last 90 days, and the cash expected over the next 4 ISO weeks.
 */
@Injectable()
export class ReceivablesMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly reports: ReceivablesReports,
  ) {}

  onModuleInit(): void {
    // One scrape asks each report once, however many gauges read it: concurrent callers share it.
    const forecast = singleFlight(() => this.reports.cashForecast({}));
    this.metrics.sampledGauge({
      name: 'mb_receivables_aging_cents',
      help: "Open balances by days past due in each client's calendar (bucket: current, days_1_30, days_31_60, days_61_90, days_over_90), in the currency's minor unit.",
      labelNames: ['currency', 'bucket'],
      sample: async () => {
        const report = await this.reports.aging({});
        return report.totals.flatMap((total) => AGING_BUCKETS.map((bucket) => ({ labels: { currency: total.currency, bucket }, value: total.buckets[bucket] })));
      },
    });
    this.metrics.sampledGauge({
      name: 'mb_receivables_dso_days',
      help: `Days sales outstanding over the last ${DSO_GAUGE_PERIOD_DAYS} days (ending AR / credit sales × days), per currency; absent for a currency without sales in the period.`,
      labelNames: ['currency'],
      sample: async () => {
        const report = await this.reports.collectionRatios({}, {});
        return report.currencies.filter((row) => row.dsoDays !== null).map((row) => ({ labels: { currency: row.currency }, value: row.dsoDays as number }));
      },
    });
    this.metrics.sampledGauge({
      name: 'mb_cash_forecast_cents',
      help: "Open balances and dated drafts expected per ISO week (week: 0 = the current week, up to 3), from due dates (a draft's: planned date + net days) shifted by each client's average days late, in the currency's minor unit.",
      labelNames: ['currency', 'week'],
      sample: async () =>
        (await forecast()).currencies.flatMap((currency) =>
          currency.weeks.slice(0, FORECAST_GAUGE_WEEKS).map((week, index) => ({ labels: { currency: currency.currency, week: String(index) }, value: week.expectedCents })),
        ),
    });
    this.metrics.sampledGauge({
      name: 'mb_cash_forecast_next_4_weeks_cents',
      help: 'Open balances and dated drafts expected over the current ISO week and the next three, per currency, in its minor unit.',
      labelNames: ['currency'],
      sample: async () =>
        (await forecast()).currencies.map((currency) => ({
          labels: { currency: currency.currency },
          value: currency.weeks.slice(0, FORECAST_GAUGE_WEEKS).reduce((sum, week) => sum + week.expectedCents, 0),
        })),
    });
  }
}

/** The running call's promise to every caller while it runs; a new call once it has settled. */
function singleFlight<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };
}
