import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import type { AgingReportView, CashForecastView, CollectionRatiosView } from '../../application/queries/receivables-reports.queries';
import type { UnbilledContract } from '../../application/ports/receivables-report.port';
import type { AgingAmounts } from '../../domain/receivables/aging';
import type { CsvValue } from './csv-file.response';

const CURRENCY = { description: 'Lowercase ISO 4217; amounts are in its minor unit.', pattern: '^[a-z]{3}$', example: 'usd' } as const;

function cents(description: string, example = 0) {
  return { type: 'integer', minimum: 0, description, example } as const;
}

export class AgingBucketsResponse {
  @ApiProperty(cents('Not yet past due (due today or later in the client calendar).', 500_000))
  current_cents!: number;

  @ApiProperty(cents('1 to 30 days past due.', 250_000))
  days_1_30_cents!: number;

  @ApiProperty(cents('31 to 60 days past due.'))
  days_31_60_cents!: number;

  @ApiProperty(cents('61 to 90 days past due.'))
  days_61_90_cents!: number;

  @ApiProperty(cents('More than 90 days past due.'))
  days_over_90_cents!: number;

  @ApiProperty(cents('Sum of the buckets: the open balances.', 750_000))
  total_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Open invoices counted.', example: 2 })
  invoice_count!: number;
}

export class AgingRowResponse extends AgingBucketsResponse {
  @ApiIdProperty('cli', 'The client')
  client_id!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Acme Corp' })
  client_name!: string | null;

  @ApiProperty(CURRENCY)
  currency!: string;
}

export class AgingTotalResponse extends AgingBucketsResponse {
  @ApiProperty(CURRENCY)
  currency!: string;
}

export class AgingReportResponse {
  @ApiProperty({ type: String, format: 'date', nullable: true, description: "The date asked for; null: each client's balances aged as of today in its own time zone.", example: null })
  as_of!: string | null;

  @ApiProperty({ type: String, format: 'date-time', description: 'When the report was taken (service clock).' })
  generated_at!: string;

  @ApiProperty({ type: () => [AgingRowResponse], description: 'One row per client and currency, by currency then client id (a list, named `data` as every list is).' })
  data!: AgingRowResponse[];

  @ApiProperty({ type: () => [AgingTotalResponse], description: 'Per currency, over every client of the report (currencies are never added together).' })
  totals!: AgingTotalResponse[];
}

export class CollectionRatiosRowResponse {
  @ApiProperty(CURRENCY)
  currency!: string;

  @ApiProperty(cents('AR at the end of the day before `from`.'))
  begin_ar_cents!: number;

  @ApiProperty(cents('AR at the end of `to`.'))
  end_ar_cents!: number;

  @ApiProperty(cents('The part of end AR not yet past due on `to`.'))
  end_current_ar_cents!: number;

  @ApiProperty(cents('Payable amounts (less credits) of the invoices issued in the period.'))
  credit_sales_cents!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'end AR / credit sales × days, to 2 decimals; null without sales.', example: 31.5 })
  dso_days!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: '(begin AR + sales − end AR) / (begin AR + sales − end current AR) × 100, to 2 decimals; null when nothing was collectible.', example: 86.21 })
  cei_percent!: number | null;
}

export class CollectionRatiosResponse {
  @ApiProperty({ type: String, format: 'date', example: '2026-04-01' })
  from!: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-06-29' })
  to!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'to − from + 1.', example: 90 })
  days!: number;

  @ApiProperty({ type: () => [CollectionRatiosRowResponse], description: 'One row per currency with receivables in or before the period.' })
  currencies!: CollectionRatiosRowResponse[];
}

export class UnbilledContractResponse {
  @ApiIdProperty('con', 'The contract')
  contract_id!: string;

  @ApiIdProperty('cli', 'Its client')
  client_id!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Acme Corp' })
  client_name!: string | null;

  @ApiProperty({ example: 'Customer portal rebuild' })
  title!: string;

  @ApiProperty(CURRENCY)
  currency!: string;

  @ApiProperty(cents('The contract value (its milestones, before tax).', 3_000_000))
  total_value_cents!: number;

  @ApiProperty(cents('Subtotals (before tax) of its issued invoices.', 750_000))
  billed_cents!: number;

  @ApiProperty({ type: 'integer', description: 'total_value − billed: still to be invoiced.', example: 2_250_000 })
  unbilled_cents!: number;
}

export class UnbilledReportResponse {
  @ApiProperty({ type: () => [UnbilledContractResponse], description: 'Contracts by id.' })
  data!: UnbilledContractResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.', example: null })
  next_cursor!: string | null;
}

export class ForecastWeekResponse {
  @ApiProperty({ description: 'ISO 8601 week.', pattern: '^\\d{4}-W\\d{2}$', example: '2026-W49' })
  iso_week!: string;

  @ApiProperty({ type: String, format: 'date', description: 'Its Monday.', example: '2026-11-30' })
  week_start!: string;

  @ApiProperty({ type: String, format: 'date', description: 'Its Sunday.', example: '2026-12-06' })
  week_end!: string;

  @ApiProperty(cents("Open balances, and drafts dated by their milestone's planned date at activation + net days, expected this week.", 750_000))
  expected_cents!: number;
}

export class CurrencyForecastResponse {
  @ApiProperty(CURRENCY)
  currency!: string;

  @ApiProperty({ type: () => [ForecastWeekResponse], description: 'The 13 weeks from the week of `as_of`; a balance expected earlier (late already) is in the first.' })
  weeks!: ForecastWeekResponse[];

  @ApiProperty(cents('Open balances and dated drafts expected after the 13th week.'))
  beyond_horizon_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Draft invoices of milestones not billed yet (dated or not; discarded ones not counted).', example: 3 })
  draft_count!: number;

  @ApiProperty(cents('Payable amounts of the drafts whose milestone had no planned date at activation: not placed in a week.', 2_250_000))
  unscheduled_draft_cents!: number;
}

export class CashForecastResponse {
  @ApiProperty({ type: String, format: 'date', description: 'The date whose week is the first.', example: '2026-12-04' })
  as_of!: string;

  @ApiProperty({ type: () => [CurrencyForecastResponse] })
  currencies!: CurrencyForecastResponse[];
}

function bucketsOf(buckets: AgingAmounts, totalCents: number, invoiceCount: number): AgingBucketsResponse {
  return {
    current_cents: buckets.current,
    days_1_30_cents: buckets.days_1_30,
    days_31_60_cents: buckets.days_31_60,
    days_61_90_cents: buckets.days_61_90,
    days_over_90_cents: buckets.days_over_90,
    total_cents: totalCents,
    invoice_count: invoiceCount,
  };
}

export function agingReportResponseOf(report: AgingReportView): AgingReportResponse {
  return {
    as_of: report.asOf,
    generated_at: report.generatedAt.toISOString(),
    data: report.rows.map((row) => ({ client_id: row.clientId, client_name: row.clientName, currency: row.currency, ...bucketsOf(row.buckets, row.totalCents, row.invoiceCount) })),
    totals: report.totals.map((total) => ({ currency: total.currency, ...bucketsOf(total.buckets, total.totalCents, total.invoiceCount) })),
  };
}

export function collectionRatiosResponseOf(view: CollectionRatiosView): CollectionRatiosResponse {
  return {
    from: view.from,
    to: view.to,
    days: view.days,
    currencies: view.currencies.map((row) => ({
      currency: row.currency,
      begin_ar_cents: row.beginArCents,
      end_ar_cents: row.endArCents,
      end_current_ar_cents: row.endCurrentArCents,
      credit_sales_cents: row.creditSalesCents,
      dso_days: row.dsoDays,
      cei_percent: row.ceiPercent,
    })),
  };
}

export function unbilledContractResponseOf(contract: UnbilledContract): UnbilledContractResponse {
  return {
    contract_id: contract.contractId,
    client_id: contract.clientId,
    client_name: contract.clientName,
    title: contract.title,
    currency: contract.currency,
    total_value_cents: contract.totalValueCents,
    billed_cents: contract.billedCents,
    unbilled_cents: contract.unbilledCents,
  };
}

export function cashForecastResponseOf(view: CashForecastView): CashForecastResponse {
  return {
    as_of: view.asOf,
    currencies: view.currencies.map((forecast) => ({
      currency: forecast.currency,
      weeks: forecast.weeks.map((week) => ({ iso_week: week.isoWeek, week_start: week.weekStart, week_end: week.weekEnd, expected_cents: week.expectedCents })),
      beyond_horizon_cents: forecast.beyondHorizonCents,
      draft_count: forecast.draftCount,
      unscheduled_draft_cents: forecast.unscheduledDraftCents,
    })),
  };
}

// The CSV forms: one line per row of the JSON report, amounts in minor units beside the currency.

const BUCKET_COLUMNS = ['current_cents', 'days_1_30_cents', 'days_31_60_cents', 'days_61_90_cents', 'days_over_90_cents', 'total_cents', 'invoice_count'] as const;

export const AGING_CSV_HEADER = ['client_id', 'client_name', 'currency', ...BUCKET_COLUMNS];

export function agingCsvRows(report: AgingReportResponse): CsvValue[][] {
  return report.data.map((row) => [row.client_id, row.client_name, row.currency, ...BUCKET_COLUMNS.map((column) => row[column])]);
}

export const COLLECTION_RATIOS_CSV_HEADER = ['from', 'to', 'days', 'currency', 'begin_ar_cents', 'end_ar_cents', 'end_current_ar_cents', 'credit_sales_cents', 'dso_days', 'cei_percent'];

export function collectionRatiosCsvRows(report: CollectionRatiosResponse): CsvValue[][] {
  return report.currencies.map((row) => [report.from, report.to, report.days, row.currency, row.begin_ar_cents, row.end_ar_cents, row.end_current_ar_cents, row.credit_sales_cents, row.dso_days, row.cei_percent]);
}

export const UNBILLED_CSV_HEADER = ['contract_id', 'client_id', 'client_name', 'title', 'currency', 'total_value_cents', 'billed_cents', 'unbilled_cents'];

export function unbilledCsvRows(rows: readonly UnbilledContractResponse[]): CsvValue[][] {
  return rows.map((row) => [row.contract_id, row.client_id, row.client_name, row.title, row.currency, row.total_value_cents, row.billed_cents, row.unbilled_cents]);
}

export const CASH_FORECAST_CSV_HEADER = ['currency', 'iso_week', 'week_start', 'week_end', 'expected_cents'];

export function cashForecastCsvRows(report: CashForecastResponse): CsvValue[][] {
  return report.currencies.flatMap((forecast) => forecast.weeks.map((week) => [forecast.currency, week.iso_week, week.week_start, week.week_end, week.expected_cents]));
}
