import { Inject, Injectable } from '@nestjs/common';
import { addDays, calendarDateIn, calendarDateOf, calendarDaysBetween, DomainRejection, type Clock } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { ageReceivables, type AgingReport } from '../../domain/receivables/aging';
import { cashForecast, scheduleDrafts, type CurrencyForecast } from '../../domain/receivables/cash-forecast';
import { collectionRatiosOf, type CollectionRatios } from '../../domain/receivables/collection-ratios';
import { ReceivablesReportSource, type ReceivablesScope, type UnbilledContract } from '../ports/receivables-report.port';

/** A period ends where the caller says, or today (UTC); it starts 90 days before its end unless told. */
export const DEFAULT_PERIOD_DAYS = 90;
/** Ten years: a longer period is a mistake in the request rather than a report anyone reads. */
export const MAX_PERIOD_DAYS = 3_660;

export interface AgingReportView extends AgingReport {
  /** The date the caller chose, or null: then each client's balances are aged as of today in its zone. */
  readonly asOf: string | null;
  readonly generatedAt: Date;
}

export interface CollectionRatiosView {
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly currencies: readonly CollectionRatios[];
}

export interface CashForecastView {
  /** The date the first week is the week of. */
  readonly asOf: string;
  readonly currencies: readonly (CurrencyForecast & { readonly draftCount: number; readonly unscheduledDraftCents: number })[];
}

/**
 * Issue 10 item 6, the receivables reports: each reads its figures from the report source and
 * applies the domain's rules (domain/receivables) at the service clock's now.
 */
@Injectable()
export class ReceivablesReports {
  constructor(
    private readonly source: ReceivablesReportSource,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  /** AR aging per client and currency, as of a date (default: today in each client's own calendar). */
  async aging(scope: ReceivablesScope, asOf?: string, options: { nothingVisible?: boolean } = {}): Promise<AgingReportView> {
    const now = this.clock.now();
    // nothingVisible: a caller confined to one client asked for another's (the report of none).
    const report = ageReceivables(options.nothingVisible ? [] : await this.source.openBalances(scope), asOf !== undefined ? () => asOf : (zone) => calendarDateIn(now, zone));
    return { ...report, asOf: asOf ?? null, generatedAt: now };
  }

  /** DSO and CEI per currency over [from, to] (default: the 90 days to today, UTC). */
  async collectionRatios(scope: ReceivablesScope, period: { from?: string; to?: string }): Promise<CollectionRatiosView> {
    const to = period.to ?? calendarDateOf(this.clock.now());
    const from = period.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
    const days = calendarDaysBetween(from, to) + 1;
    if (days < 1) throw new DomainRejection('invalid', 'report.period_invalid', `the period must end on or after its start (from ${from}, to ${to})`, 'to');
    if (days > MAX_PERIOD_DAYS) throw new DomainRejection('invalid', 'report.period_invalid', `the period may last at most ${MAX_PERIOD_DAYS} days (got ${days})`, 'from');
    const figures = await this.source.periodReceivables(from, to, scope);
    return { from, to, days, currencies: figures.map((period) => collectionRatiosOf({ ...period, days })) };
  }

  async unbilled(scope: ReceivablesScope, afterId: string | null, limit: number): Promise<{ contracts: UnbilledContract[]; lastIdWhenMore: string | null }> {
    const rows = await this.source.unbilledContracts(scope, afterId, limit + 1);
    const contracts = rows.slice(0, limit);
    return { contracts, lastIdWhenMore: rows.length > limit ? contracts[contracts.length - 1].contractId : null };
  }

  /**
   * The next 13 ISO weeks' expected receipts per currency from the open invoices, each client's
   * shifted by its average days late, and from the drafts whose milestone had a planned date at
   * activation: each expected as if issued on that date (due planned date + net days), shifted the
   * same way. The planned date is the one contract.activated carried: a date moved later in
   * milestone-service is not heard here (no event announces it). Drafts without a planned date are
   * counted apart, not dated; discarded drafts not at all.
   */
  async cashForecast(scope: ReceivablesScope, asOf?: string): Promise<CashForecastView> {
    const today = asOf ?? calendarDateOf(this.clock.now());
    const [openReceipts, habits, drafts] = await Promise.all([this.source.openBalances(scope), this.source.paymentHabits(scope), this.source.draftPipeline(scope)]);
    const pipeline = scheduleDrafts(drafts);
    const forecasts = cashForecast({ today, receipts: [...openReceipts, ...pipeline.receipts], habits, alsoCurrencies: [...pipeline.draftCounts.keys()] });
    return {
      asOf: today,
      currencies: forecasts.map((forecast) => {
        const apart = pipeline.unscheduled.find((candidate) => candidate.currency === forecast.currency);
        return { ...forecast, draftCount: pipeline.draftCounts.get(forecast.currency) ?? 0, unscheduledDraftCents: apart?.payableCents ?? 0 };
      }),
    };
  }
}
