import { addDays, calendarDateIn, startOfDayIn } from '@mb/kernel';

/**
 * Issue 9 "Approval windows and deemed acceptance", as pure functions of the submission instant,
 * the contract's window and the client's time zone.
 *
 * The window is counted in calendar days of the client's zone (weekends and holidays count): with
 * `approval_window_days: N`, a submission on day D may be answered until the end of day D + N, so
 * the window closes at the start of day D + N + 1 there. The client is reminded at half the window
 * and at the start of its last day (one day before it closes), each only when it falls after the
 * submission and after the reminder before it.
 */

/** The durable timers a submission sets, one of each per milestone (keyed by its id). */
export const APPROVAL_TIMERS = {
  /** Fires half-way through the window: the use case reminds the client's approver. */
  halfWindowReminder: 'milestone.approval_half_window_reminder',
  /** Fires at the start of the window's last day: the use case reminds the approver once more. */
  lastDayReminder: 'milestone.approval_last_day_reminder',
  /** Fires when the window closes: deemed acceptance, or the supplier is told nobody answered. */
  windowCloses: 'milestone.approval_window_closes',
} as const;

export type ApprovalTimer = (typeof APPROVAL_TIMERS)[keyof typeof APPROVAL_TIMERS];

/** Which approval email an approval request is: the request itself, or one of its reminders. */
export const APPROVAL_REQUEST_KINDS = ['request', 'half_window_reminder', 'last_day_reminder'] as const;

export type ApprovalRequestKind = (typeof APPROVAL_REQUEST_KINDS)[number];

export type ApprovalReminderKind = Exclude<ApprovalRequestKind, 'request'>;

/** The reminder each reminder timer sends. */
export const REMINDER_OF_TIMER: Readonly<Record<Exclude<ApprovalTimer, 'milestone.approval_window_closes'>, ApprovalReminderKind>> = {
  [APPROVAL_TIMERS.halfWindowReminder]: 'half_window_reminder',
  [APPROVAL_TIMERS.lastDayReminder]: 'last_day_reminder',
};

/** A timer to set for a submitted milestone: which, when (business time), for the window closing when. */
export interface ApprovalWindowTimer {
  readonly timer: ApprovalTimer;
  readonly dueAt: Date;
  /** The close of the window it was set for: a timer left over from an earlier window does nothing. */
  readonly closesAt: Date;
}

/** The instant the approval window of a submission at `submittedAt` closes. */
export function approvalWindowClosesAt(submittedAt: Date, windowDays: number, timeZone: string): Date {
  if (!Number.isSafeInteger(windowDays) || windowDays < 1) throw new RangeError(`an approval window is a whole number of days, 1 or more, got ${windowDays}`);
  return startOfDayIn(addDays(calendarDateIn(submittedAt, timeZone), windowDays + 1), timeZone);
}

/** The last calendar day the client may answer on, in its zone: the day before the window closes. */
export function lastDayToAnswer(closesAt: Date, timeZone: string): string {
  return addDays(calendarDateIn(closesAt, timeZone), -1);
}

/**
 * The timers a submission at `submittedAt` sets for a window closing at `closesAt`: the reminders
 * that fall strictly between the submission and the close, in order and without repeats, then the
 * close itself.
 */
export function approvalWindowTimers(submittedAt: Date, closesAt: Date, timeZone: string): ApprovalWindowTimer[] {
  const halfWay = new Date(submittedAt.getTime() + Math.floor((closesAt.getTime() - submittedAt.getTime()) / 2));
  const lastDayBegins = startOfDayIn(addDays(calendarDateIn(closesAt, timeZone), -1), timeZone);
  const reminders: ApprovalWindowTimer[] = [];
  let after = submittedAt.getTime();
  for (const reminder of [
    { timer: APPROVAL_TIMERS.halfWindowReminder, dueAt: halfWay, closesAt },
    { timer: APPROVAL_TIMERS.lastDayReminder, dueAt: lastDayBegins, closesAt },
  ]) {
    if (reminder.dueAt.getTime() > after && reminder.dueAt.getTime() < closesAt.getTime()) {
      reminders.push(reminder);
      after = reminder.dueAt.getTime();
    }
  }
  return [...reminders, { timer: APPROVAL_TIMERS.windowCloses, dueAt: closesAt, closesAt }];
}

/** Why a milestone.status_updated to approved came from the window closing rather than the client. */
export const DEEMED_ACCEPTED_REASON = 'deemed_accepted';
