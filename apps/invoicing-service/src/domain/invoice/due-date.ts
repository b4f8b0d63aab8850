import { addDays, calendarDateOf } from '@mb/kernel';

// An invoice's days are UTC calendar days until clients have time zones: the day an instant falls
// on (todayAt) and the instant a day starts (startOfDay) are the two places to give them one.

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
 * The instant an unpaid invoice falls overdue: the start of the day after its due date (it may be
 * paid all through its due date, so it is overdue the day after).
 */
export function overdueFrom(dueDate: string): Date {
  return startOfDay(addDays(dueDate, 1));
}

/** Whether an invoice due on `dueDate` is past due at `now`. */
export function isPastDueAt(dueDate: string, now: Date): boolean {
  return now.getTime() >= overdueFrom(dueDate).getTime();
}

/** Whole days an invoice due on `dueDate` is past due at `now`: 1 on the day after the due date, 0 or less before. */
export function daysPastDueAt(dueDate: string, now: Date): number {
  return daysPastDue(dueDate, todayAt(now));
}

/** Whole days from the due date to `today` (both YYYY-MM-DD); positive once overdue. */
export function daysPastDue(dueDate: string, today: string): number {
  const dayMs = 86_400_000;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / dayMs);
}

/** The calendar day `now` falls on, for the invoice's client. */
function todayAt(now: Date): string {
  return calendarDateOf(now);
}

/** The instant a calendar day starts, for the invoice's client. */
function startOfDay(calendarDate: string): Date {
  return new Date(`${calendarDate}T00:00:00Z`);
}
