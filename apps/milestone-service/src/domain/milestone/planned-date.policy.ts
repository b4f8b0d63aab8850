import { addDays, calendarDateIn, calendarDaysBetween, startOfDayIn } from '@mb/kernel';
import { type BillingTrigger, type MilestoneStatus, ON_DATE_BILLABLE_STATUSES } from './milestone-status';

/**
 * Issue 9 "Advance notices" and "Delays": what a milestone's planned date sets off, as pure
 * functions of the date, the contract's terms, the client's time zone and the clock.
 *
 * Days are the client's calendar days, in its IANA time zone (`zone`; UTC for milestones scheduled
 * before clients had one): the advance notice, the delay check and the billing date of an on_date
 * milestone all begin their days at startOfDay below, and "today" is dayOf. Both come from the
 * kernel's business calendar (Luxon), never from offset arithmetic of ours.
 */

/** A week's notice unless the contract says otherwise (contract.activated's advance_notice_days). */
export const DEFAULT_ADVANCE_NOTICE_DAYS = 7;

/**
 * The statuses in which a milestone still waits for its work to be handed over: it can be
 * announced as coming (milestone.due_soon) or late (milestone.delayed), and its planned date can
 * still move. Once submitted, billed or cancelled, neither makes sense.
 */
export const AWAITING_SUBMISSION: readonly MilestoneStatus[] = ['planned', 'in_progress', 'rejected'];

export function awaitsSubmission(status: MilestoneStatus): boolean {
  return AWAITING_SUBMISSION.includes(status);
}

/** The durable timers a planned date sets, one of each per milestone (keyed by its id). */
export const MILESTONE_TIMERS = {
  /** Fires when the advance notice is due: the use case announces milestone.due_soon. */
  dueSoon: 'milestone.due_soon',
  /** Fires the day after the planned date: the use case announces milestone.delayed. */
  plannedDatePassed: 'milestone.planned_date_passed',
  /** Fires at the start of an on_date milestone's planned date: the use case triggers it for disbursement. */
  billingDate: 'milestone.billing_date',
} as const;

export type MilestoneTimer = (typeof MILESTONE_TIMERS)[keyof typeof MILESTONE_TIMERS];

/**
 * The timers that announce the planned date (coming, late): the handing over of the work (a
 * submission) makes them pointless. The billing date of an on_date milestone is not one of them:
 * it bills the milestone whatever the state of the work.
 */
export const ANNOUNCEMENT_TIMERS: readonly MilestoneTimer[] = [MILESTONE_TIMERS.dueSoon, MILESTONE_TIMERS.plannedDatePassed];

/** A timer to set for a milestone: which, when (business time), for which planned date. */
export interface PlannedDateTimer {
  readonly timer: MilestoneTimer;
  readonly dueAt: Date;
  /** The planned date it was set for: a timer left over from an earlier date does nothing. */
  readonly plannedDate: string;
}

/** The instant a calendar date begins in the client's zone: its local midnight (or first instant, on a day daylight saving starts at midnight). */
export function startOfDay(calendarDate: string, zone: string): Date {
  return startOfDayIn(calendarDate, zone);
}

/** The calendar date an instant falls on in the client's zone. */
export function dayOf(instant: Date, zone: string): string {
  return calendarDateIn(instant, zone);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier); dates need no zone. */
export function daysBetween(from: string, to: string): number {
  return calendarDaysBetween(from, to);
}

/**
 * When the advance notice goes out: at the start of the day `advanceNoticeDays` before the planned
 * date. None when the contract turned notices off (0) or the planned day has already begun. When
 * the notice day is past but the planned date is still ahead (a contract signed, or a date moved,
 * a few days before it), the notice goes out at once, later than asked but before the date, rather
 * than never: the AP contact still gets to plan the payment.
 */
export function advanceNoticeAt(plannedDate: string, advanceNoticeDays: number, now: Date, zone: string): Date | null {
  if (advanceNoticeDays <= 0) return null;
  if (now.getTime() >= startOfDay(plannedDate, zone).getTime()) return null;
  const noticeAt = startOfDay(addDays(plannedDate, -advanceNoticeDays), zone);
  return noticeAt.getTime() > now.getTime() ? noticeAt : now;
}

/** When a milestone not submitted by its planned date is late: the start of the day after it. */
export function plannedDatePassedAt(plannedDate: string, zone: string): Date {
  return startOfDay(addDays(plannedDate, 1), zone);
}

/**
 * When an on_date milestone is billed: at the start of its planned date, or at once (now) when that
 * has already begun (a contract activated, or a date reached, late).
 */
export function billingDateAt(plannedDate: string, now: Date, zone: string): Date {
  const start = startOfDay(plannedDate, zone);
  return start.getTime() > now.getTime() ? start : now;
}

/**
 * Whether an on_date milestone is billed now for `plannedDate` (its billing-date timer fired): only
 * for the date it is still planned for, and from a state before billing (not cancelled, not already
 * triggered).
 */
export function billableOnDate(
  milestone: { readonly billingTrigger: BillingTrigger; readonly status: MilestoneStatus; readonly plannedDate: string | null },
  plannedDate: string,
): boolean {
  return milestone.billingTrigger === 'on_date' && milestone.plannedDate === plannedDate && ON_DATE_BILLABLE_STATUSES.includes(milestone.status);
}

/**
 * The instant a change a timer makes is dated: when the timer was due, not when it fired, so a
 * timer firing late (the service down, a test clock moved far ahead) still dates the change when
 * the contract says it happened — an on_date milestone billed on its date, an approval window
 * closed as deemed acceptance when it closed; never before the milestone's last change, so its
 * history stays in order.
 */
export function datedWhenDue(dueAt: Date, lastChangedAt: Date): Date {
  return dueAt.getTime() >= lastChangedAt.getTime() ? dueAt : lastChangedAt;
}

/**
 * The timers a milestone's planned date sets now: the advance notice (when there is one), and then
 * the delay check, or for an on_date milestone its billing date instead. An on_date milestone is
 * never late: its date bills it (whatever the state of the work), so it has no delay check. None
 * for a milestone without a planned date or no longer waiting for submission (its date cannot move).
 */
export function plannedDateTimers(
  milestone: {
    readonly status: MilestoneStatus;
    readonly plannedDate: string | null;
    readonly advanceNoticeDays: number;
    readonly billingTrigger: BillingTrigger;
    /** The client's IANA time zone: the days the timers begin are its calendar days. */
    readonly clientTimeZone: string;
  },
  now: Date,
): PlannedDateTimer[] {
  const { plannedDate, clientTimeZone: zone } = milestone;
  if (plannedDate === null || !awaitsSubmission(milestone.status)) return [];
  const noticeAt = advanceNoticeAt(plannedDate, milestone.advanceNoticeDays, now, zone);
  return [
    ...(noticeAt ? [{ timer: MILESTONE_TIMERS.dueSoon, dueAt: noticeAt, plannedDate }] : []),
    milestone.billingTrigger === 'on_date'
      ? { timer: MILESTONE_TIMERS.billingDate, dueAt: billingDateAt(plannedDate, now, zone), plannedDate }
      : { timer: MILESTONE_TIMERS.plannedDatePassed, dueAt: plannedDatePassedAt(plannedDate, zone), plannedDate },
  ];
}

/**
 * The planned-date timers a milestone needs after a contract amendment changed its terms (issue
 * 14): those of plannedDateTimers while it waits for its work; and for an on_date milestone already
 * handed over (submitted or approved, not yet billed) its billing date still, which bills it
 * whatever the state of the work. The application sets these and cancels the rest.
 */
export function timersAfterAmendment(
  milestone: Parameters<typeof plannedDateTimers>[0],
  now: Date,
): PlannedDateTimer[] {
  if (awaitsSubmission(milestone.status)) return plannedDateTimers(milestone, now);
  const { plannedDate, clientTimeZone: zone } = milestone;
  if (plannedDate === null || !billableOnDate(milestone, plannedDate)) return [];
  return [{ timer: MILESTONE_TIMERS.billingDate, dueAt: billingDateAt(plannedDate, now, zone), plannedDate }];
}

/** Days from the client's today to the planned date, as the advance notice says it: 0 on the day itself. */
export function daysUntil(plannedDate: string, now: Date, zone: string): number {
  return daysBetween(dayOf(now, zone), plannedDate);
}

/** Days a milestone is late by the client's calendar: 1 on the day after its planned date. */
export function daysLate(plannedDate: string, now: Date, zone: string): number {
  return daysBetween(plannedDate, dayOf(now, zone));
}

/** When an invoice issued on `invoiceDate` falls due under net-`netDays` terms (as invoicing dates it). */
export function dueDateUnderTerms(invoiceDate: string, netDays: number): string {
  return addDays(invoiceDate, netDays);
}

/**
 * The business instant a planned-date timer fired at: now, and never before it was due. A timer
 * fires at its due instant or after it; an instance whose clock is behind the one that set it (a
 * test clock moved on another instance) still counts days from the due instant.
 */
export function firedAt(now: Date, dueAt: Date): Date {
  return now.getTime() >= dueAt.getTime() ? now : dueAt;
}
