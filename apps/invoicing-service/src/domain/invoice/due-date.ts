import { addDays } from '@mb/kernel';

/**
 * Due date from the contract's payment terms: the issue date plus net days (net-15, net-30 ...),
 * calendar days, no business-day shifting. EN 16931 BR-CO-25: a positive amount due needs a due
 * date or payment terms, so every issued invoice gets one.
 */
export function dueDateOf(issueDate: string, netDays: number): string {
  if (!Number.isSafeInteger(netDays) || netDays < 0) throw new RangeError(`net days must be a non-negative integer (got ${netDays})`);
  return addDays(issueDate, netDays);
}

/** Whole days from the due date to `today` (both YYYY-MM-DD); positive once overdue. */
export function daysPastDue(dueDate: string, today: string): number {
  const dayMs = 86_400_000;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / dayMs);
}
