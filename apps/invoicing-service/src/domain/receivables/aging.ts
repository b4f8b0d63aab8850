import { calendarDaysBetween } from '@mb/kernel';
import { balanceOf, type InvoiceSnapshot } from '../invoice/invoice';

// Issue 10 item 6: accounts-receivable aging. An open balance is aged by how many whole days past
// its due date it is, counted in the client's calendar (its IANA time zone): 1 on the day after the
// due date there, as due-date.ts counts days past due.

/** The aging buckets, in order: not yet past due, then 1–30, 31–60, 61–90 and more than 90 days past due. */
export const AGING_BUCKETS = ['current', 'days_1_30', 'days_31_60', 'days_61_90', 'days_over_90'] as const;

export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** The bucket of a balance `daysPastDue` whole days past its due date (0 or less: not past due). */
export function agingBucketOf(daysPastDue: number): AgingBucket {
  if (!Number.isInteger(daysPastDue)) throw new RangeError(`days past due must be whole (got ${daysPastDue})`);
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return 'days_1_30';
  if (daysPastDue <= 60) return 'days_31_60';
  if (daysPastDue <= 90) return 'days_61_90';
  return 'days_over_90';
}

/**
 * What is owed on one or more open invoices of a client in one currency falling due on one date
 * (the persistence adapter groups invoices so, to age 100,000 of them without loading each).
 */
export interface OpenBalance {
  readonly clientId: string;
  readonly clientName: string | null;
  readonly currency: string;
  readonly clientTimeZone: string;
  readonly dueDate: string;
  readonly balanceCents: number;
  readonly invoiceCount: number;
}

/**
 * An invoice's open balance, or null when nothing is open on it: only an `open` invoice is a
 * receivable (a draft is owed by nobody, paid is settled, void and uncollectible are no longer
 * owed). The balance is `balanceOf` (payable − paid − credited), the invoice's one definition.
 */
export function openBalanceOf(
  invoice: Pick<InvoiceSnapshot, 'status' | 'clientId' | 'clientName' | 'currency' | 'clientTimeZone' | 'dueDate' | 'payableCents' | 'amountPaidCents' | 'amountCreditedCents'>,
): OpenBalance | null {
  if (invoice.status !== 'open' || invoice.dueDate === null) return null;
  return {
    clientId: invoice.clientId,
    clientName: invoice.clientName,
    currency: invoice.currency,
    clientTimeZone: invoice.clientTimeZone,
    dueDate: invoice.dueDate,
    balanceCents: balanceOf(invoice),
    invoiceCount: 1,
  };
}

export type AgingAmounts = Readonly<Record<AgingBucket, number>>;

/** One client's receivables in one currency, by bucket. Currencies are never added together. */
export interface AgingRow {
  readonly clientId: string;
  readonly clientName: string | null;
  readonly currency: string;
  readonly buckets: AgingAmounts;
  readonly totalCents: number;
  readonly invoiceCount: number;
}

/** The report: a row per client and currency, and per currency the buckets over every client. */
export interface AgingReport {
  readonly rows: readonly AgingRow[];
  readonly totals: readonly Omit<AgingRow, 'clientId' | 'clientName'>[];
}

/**
 * Ages open balances as of a calendar date per client zone: `asOfDateIn(zone)` is the date the
 * report is taken on in that zone (a date the caller chose, the same in every zone; or today in
 * each client's own zone). Every balance lands in exactly one bucket, so each row's total is the
 * sum of its balances and the buckets partition them.
 */
export function ageReceivables(balances: readonly OpenBalance[], asOfDateIn: (zone: string) => string): AgingReport {
  const rows = new Map<string, { clientId: string; clientName: string | null; currency: string; buckets: Record<AgingBucket, number>; invoiceCount: number }>();
  const asOfByZone = new Map<string, string>();
  const bucketByDates = new Map<string, AgingBucket>();
  for (const balance of balances) {
    let asOf = asOfByZone.get(balance.clientTimeZone);
    if (asOf === undefined) {
      asOf = asOfDateIn(balance.clientTimeZone);
      asOfByZone.set(balance.clientTimeZone, asOf);
    }
    // Many balances share a due date and an as-of date: the calendar arithmetic is done once per pair.
    const pair = `${balance.dueDate}/${asOf}`;
    let bucket = bucketByDates.get(pair);
    if (bucket === undefined) {
      bucket = agingBucketOf(calendarDaysBetween(balance.dueDate, asOf));
      bucketByDates.set(pair, bucket);
    }
    const key = `${balance.clientId}\u0000${balance.currency}`;
    let row = rows.get(key);
    if (!row) {
      row = { clientId: balance.clientId, clientName: balance.clientName, currency: balance.currency, buckets: emptyBuckets(), invoiceCount: 0 };
      rows.set(key, row);
    }
    row.buckets[bucket] = addCents(row.buckets[bucket], balance.balanceCents);
    row.invoiceCount += balance.invoiceCount;
  }
  const sorted = [...rows.values()]
    .sort((a, b) => compare(a.currency, b.currency) || compare(a.clientId, b.clientId))
    .map((row) => ({ ...row, totalCents: totalOf(row.buckets) }));
  const totals = new Map<string, { currency: string; buckets: Record<AgingBucket, number>; invoiceCount: number }>();
  for (const row of sorted) {
    let total = totals.get(row.currency);
    if (!total) {
      total = { currency: row.currency, buckets: emptyBuckets(), invoiceCount: 0 };
      totals.set(row.currency, total);
    }
    for (const bucket of AGING_BUCKETS) total.buckets[bucket] = addCents(total.buckets[bucket], row.buckets[bucket]);
    total.invoiceCount += row.invoiceCount;
  }
  return { rows: sorted, totals: [...totals.values()].map((total) => ({ ...total, totalCents: totalOf(total.buckets) })) };
}

function emptyBuckets(): Record<AgingBucket, number> {
  return { current: 0, days_1_30: 0, days_31_60: 0, days_61_90: 0, days_over_90: 0 };
}

function totalOf(buckets: AgingAmounts): number {
  return AGING_BUCKETS.reduce((sum, bucket) => addCents(sum, buckets[bucket]), 0);
}

/** Sums of minor units stay exact integers, or the report refuses to be wrong. */
export function addCents(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`a sum of minor units left the safe integer range (${a} + ${b})`);
  return sum;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
