import { addDays, calendarDaysBetween } from '@mb/kernel';
import { addCents } from './aging';

// Issue 10 item 6: a cash-flow forecast by ISO week (weeks start on Monday) for the next 13 weeks,
// per currency. An open invoice's balance is expected on its due date shifted by its client's own
// average days late; a balance expected before the first week (already late) is expected in the
// first week; one expected after the last week is reported beyond the horizon.

export const FORECAST_WEEKS = 13;

/** How late a client paid, learnt from its paid invoices: a histogram of days late → invoices. */
export interface PaymentHabit {
  readonly clientId: string;
  /** Days from due date to the date paid, in the client's calendar (negative: paid early), and how many invoices. */
  readonly daysLate: readonly { readonly days: number; readonly invoices: number }[];
}

/**
 * A client's average days late: the mean, over its paid invoices, of the days between due date and
 * payment (an early payment counts as 0 days late, not as credit against late ones), rounded to
 * whole days; 0 for a client with no paid invoice yet.
 */
export function averageDaysLateOf(habit: PaymentHabit | undefined): number {
  if (!habit) return 0;
  let invoices = 0;
  let days = 0;
  for (const sample of habit.daysLate) {
    invoices += sample.invoices;
    days += Math.max(0, sample.days) * sample.invoices;
  }
  return invoices === 0 ? 0 : Math.round(days / invoices);
}

/** An open balance to forecast (grouped per client, currency and due date, like aging's). */
export interface ExpectedReceipt {
  readonly clientId: string;
  readonly currency: string;
  readonly dueDate: string;
  readonly balanceCents: number;
}

export interface ForecastWeek {
  /** ISO 8601 week, 2026-W49. */
  readonly isoWeek: string;
  /** Its Monday and Sunday. */
  readonly weekStart: string;
  readonly weekEnd: string;
  readonly expectedCents: number;
}

export interface CurrencyForecast {
  readonly currency: string;
  readonly weeks: readonly ForecastWeek[];
  /** Expected after the 13th week. */
  readonly beyondHorizonCents: number;
}

/** The Monday of the ISO week `date` (YYYY-MM-DD) falls in. */
export function isoWeekStartOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The ISO 8601 week name of a date: the year of its week's Thursday, and that Thursday's week number. */
export function isoWeekOf(date: string): string {
  const thursday = addDays(isoWeekStartOf(date), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor(calendarDaysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The forecast from `today` (the first week is the one today falls in): each receipt on its due
 * date + its client's average days late, summed per currency and week. `alsoCurrencies` get a
 * forecast of nothing expected when no receipt is in them (a currency with drafts only).
 */
export function cashForecast(input: {
  today: string;
  receipts: readonly ExpectedReceipt[];
  habits: readonly PaymentHabit[];
  alsoCurrencies?: readonly string[];
  weeks?: number;
}): CurrencyForecast[] {
  const weekCount = input.weeks ?? FORECAST_WEEKS;
  const firstWeek = isoWeekStartOf(input.today);
  const averageByClient = new Map(input.habits.map((habit) => [habit.clientId, averageDaysLateOf(habit)]));
  const byCurrency = new Map<string, { weeks: number[]; beyond: number }>();
  for (const currency of input.alsoCurrencies ?? []) byCurrency.set(currency, { weeks: new Array<number>(weekCount).fill(0), beyond: 0 });
  const weekByDates = new Map<string, number>();
  for (const receipt of input.receipts) {
    let forecast = byCurrency.get(receipt.currency);
    if (!forecast) {
      forecast = { weeks: new Array<number>(weekCount).fill(0), beyond: 0 };
      byCurrency.set(receipt.currency, forecast);
    }
    const shift = averageByClient.get(receipt.clientId) ?? 0;
    // Many receipts share a due date and a shift: the calendar arithmetic is done once per pair.
    const pair = `${receipt.dueDate}/${shift}`;
    let week = weekByDates.get(pair);
    if (week === undefined) {
      week = Math.max(0, Math.floor(calendarDaysBetween(firstWeek, addDays(receipt.dueDate, shift)) / 7));
      weekByDates.set(pair, week);
    }
    if (week >= weekCount) forecast.beyond = addCents(forecast.beyond, receipt.balanceCents);
    else forecast.weeks[week] = addCents(forecast.weeks[week], receipt.balanceCents);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, forecast]) => ({
      currency,
      weeks: forecast.weeks.map((expectedCents, index) => {
        const weekStart = addDays(firstWeek, index * 7);
        return { isoWeek: isoWeekOf(weekStart), weekStart, weekEnd: addDays(weekStart, 6), expectedCents };
      }),
      beyondHorizonCents: forecast.beyond,
    }));
}

/**
 * A draft invoice not issued yet, grouped like open balances: its client, currency, its milestone's
 * planned date as contract.activated told it (null: not planned, or a draft prepared before planned
 * dates were kept), its contract's net days, and its payable amount.
 */
export interface PendingDraft {
  readonly clientId: string;
  readonly currency: string;
  readonly plannedDate: string | null;
  readonly netDays: number;
  readonly payableCents: number;
  /** How many drafts share these figures. */
  readonly drafts: number;
}

/** Per currency, the drafts no week can be given to (no planned date). */
export interface UnscheduledDrafts {
  readonly currency: string;
  readonly draftCount: number;
  readonly payableCents: number;
}

/**
 * Drafts as the forecast sees them: one with a planned date is expected as an open invoice due on
 * planned date + net days would be (the milestone billed on its planned date, then paid by the
 * terms; cashForecast shifts it by the client's average days late like any receipt); one without
 * is counted apart, per currency, never placed. Discarded drafts are not pending drafts: the
 * caller passes only drafts still to be issued.
 */
export function scheduleDrafts(drafts: readonly PendingDraft[]): { receipts: ExpectedReceipt[]; unscheduled: UnscheduledDrafts[]; draftCounts: Map<string, number> } {
  const receipts: ExpectedReceipt[] = [];
  const unscheduled = new Map<string, { draftCount: number; payableCents: number }>();
  const draftCounts = new Map<string, number>();
  for (const draft of drafts) {
    draftCounts.set(draft.currency, (draftCounts.get(draft.currency) ?? 0) + draft.drafts);
    if (draft.plannedDate !== null) {
      receipts.push({ clientId: draft.clientId, currency: draft.currency, dueDate: addDays(draft.plannedDate, draft.netDays), balanceCents: draft.payableCents });
      continue;
    }
    const apart = unscheduled.get(draft.currency) ?? { draftCount: 0, payableCents: 0 };
    unscheduled.set(draft.currency, { draftCount: apart.draftCount + draft.drafts, payableCents: addCents(apart.payableCents, draft.payableCents) });
  }
  return {
    receipts,
    unscheduled: [...unscheduled.entries()].map(([currency, apart]) => ({ currency, ...apart })),
    draftCounts,
  };
}
