import { calendarDaysBetween } from '@mb/kernel';
import type { Milestone } from '../billing-api';

/** How far ahead AP plans: the "next 90 days of expected invoices". */
export const UPCOMING_WINDOW_DAYS = 90;

/** A milestone has not been invoiced yet, and still may be, in these states. */
const NOT_YET_INVOICED = new Set(['planned', 'in_progress', 'submitted', 'approved', 'rejected', 'triggered_for_disbursement']);

export interface ExpectedInvoice {
  readonly milestone: Milestone;
  readonly contractTitle: string;
  /** The planned date has passed and the milestone is not invoiced: expected any day. */
  readonly overdue: boolean;
}

export interface UpcomingInvoices {
  readonly expected: ExpectedInvoice[];
  /** Integer minor units per currency, in the order the currencies first appear. */
  readonly totals: Array<{ currency: string; amountCents: number }>;
}

/**
 * The invoices a client can expect in the next 90 days of its own calendar: milestones not yet
 * invoiced whose planned date falls on or before today + 90, soonest first. A milestone whose date
 * has passed is kept (flagged overdue): it has not been billed, so it is still to come. Those
 * without a planned date cannot be placed in time and are left out.
 */
export function upcomingInvoices(
  contracts: ReadonlyArray<{ title: string; milestones: readonly Milestone[] }>,
  today: string,
  windowDays = UPCOMING_WINDOW_DAYS,
): UpcomingInvoices {
  const expected = contracts
    .flatMap(({ title, milestones }) => milestones.map((milestone) => ({ milestone, contractTitle: title })))
    .filter(({ milestone }) => NOT_YET_INVOICED.has(milestone.status) && milestone.planned_date !== null)
    .map(({ milestone, contractTitle }) => ({ milestone, contractTitle, offset: calendarDaysBetween(today, milestone.planned_date as string) }))
    .filter(({ offset }) => offset <= windowDays)
    .sort((a, b) => a.offset - b.offset || a.milestone.milestone_index - b.milestone.milestone_index)
    .map(({ milestone, contractTitle, offset }) => ({ milestone, contractTitle, overdue: offset < 0 }));
  const totals = new Map<string, number>();
  for (const { milestone } of expected) totals.set(milestone.currency, (totals.get(milestone.currency) ?? 0) + milestone.amount_cents);
  return { expected, totals: [...totals].map(([currency, amountCents]) => ({ currency, amountCents })) };
}
