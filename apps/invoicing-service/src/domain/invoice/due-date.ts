import { addDays, calendarDateIn, calendarDaysBetween, startOfDayIn } from '@mb/kernel';

// Issue 9 "Business dates in the client's time zone": an invoice's days are the client's calendar
// days, in its IANA time zone (`zone`, UTC for clients known before clients had one). Which day an
// instant falls on and when a day begins come from the kernel's business calendar (Luxon over the
// runtime's time-zone data), never from offset arithmetic of ours.

/**
 * The date an invoice is issued on: the client's calendar date when its milestone became billable
 * (the trigger's `occurred_at`), whenever the consumer ran. A trigger at 23:30 UTC on 31 December
 * is dated 1 January for a client in Auckland, and numbered in that year's series.
 */
export function issueDateOf(triggeredAt: Date, zone: string): string {
  return calendarDateIn(triggeredAt, zone);
}

/**
 * Due date from the contract's payment terms: the issue date plus net days (net-15, net-30 ...),
 * calendar days, no business-day shifting. EN 16931 BR-CO-25: a positive amount due needs a due
 * date or payment terms, so every issued invoice gets one.
 */
export function dueDateOf(issueDate: string, netDays: number): string {
  if (!Number.isSafeInteger(netDays) || netDays < 0) throw new RangeError(`net days must be a non-negative integer (got ${netDays})`);
  return addDays(issueDate, netDays);
}

/**
 * The instant an unpaid invoice falls overdue: the start, in the client's zone, of the day after
 * its due date (it may be paid all through its due date there, so it is overdue the day after).
 */
export function overdueFrom(dueDate: string, zone: string): Date {
  return startOfDayIn(addDays(dueDate, 1), zone);
}

/** Whether an invoice due on `dueDate` is past due at `now`, by the client's calendar. */
export function isPastDueAt(dueDate: string, now: Date, zone: string): boolean {
  return now.getTime() >= overdueFrom(dueDate, zone).getTime();
}

/** Whole days an invoice due on `dueDate` is past due at `now` in the client's calendar: 1 on the day after the due date, 0 or less before. */
export function daysPastDueAt(dueDate: string, now: Date, zone: string): number {
  return daysPastDue(dueDate, calendarDateIn(now, zone));
}

/** Whole days from the due date to `today` (both YYYY-MM-DD); positive once overdue. */
export function daysPastDue(dueDate: string, today: string): number {
  return calendarDaysBetween(dueDate, today);
}
