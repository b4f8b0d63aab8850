import { addDays, calendarDateIn, calendarDaysBetween, localTimeIn } from '@mb/kernel';
import type { ReminderPolicy } from './reminder-policy';

/** Before, on or after the due date. */
export type PaymentReminderKind = 'before_due' | 'on_due' | 'after_due';

/** A time of day on the client's wall clock. */
export interface LocalTimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

/** The default: reminders are read at the start of the client's working day. */
export const DEFAULT_REMINDER_LOCAL_TIME: LocalTimeOfDay = Object.freeze({ hour: 9, minute: 0 });

/**
 * One reminder of an invoice. With the invoice, `kind` and `offsetDays` are its natural key: it
 * is sent at most once. `offsetDays` counts days before (before_due) or after (after_due) the due
 * date; 0 on the due date.
 */
export interface PlannedReminder {
  readonly kind: PaymentReminderKind;
  readonly offsetDays: number;
  /** The client's calendar date it is for. */
  readonly remindOn: string;
  /** The instant it falls due: the local time of day on `remindOn` in the client's zone. */
  readonly remindAt: Date;
}

/**
 * An invoice's reminders under a policy, in time order: each on its calendar date in the client's
 * calendar, at `localTime` in the client's zone (09:00 is 08:00 UTC in Berlin in winter and 07:00
 * in summer; on a day a daylight-saving change skips that hour, the first instant after the gap).
 */
export function reminderScheduleOf(dueDate: string, zone: string, policy: ReminderPolicy, localTime: LocalTimeOfDay = DEFAULT_REMINDER_LOCAL_TIME): PlannedReminder[] {
  const at = (remindOn: string) => localTimeIn(remindOn, localTime.hour, localTime.minute, zone);
  const reminders: PlannedReminder[] = [];
  if (policy.beforeDueDays > 0) {
    const remindOn = addDays(dueDate, -policy.beforeDueDays);
    reminders.push({ kind: 'before_due', offsetDays: policy.beforeDueDays, remindOn, remindAt: at(remindOn) });
  }
  if (policy.onDue) reminders.push({ kind: 'on_due', offsetDays: 0, remindOn: dueDate, remindAt: at(dueDate) });
  for (const days of [...policy.afterDueDays].sort((a, b) => a - b)) {
    const remindOn = addDays(dueDate, days);
    reminders.push({ kind: 'after_due', offsetDays: days, remindOn, remindAt: at(remindOn) });
  }
  return reminders;
}

/** Whole days left until the due date on the client's calendar at `now`; 0 on and after it. */
export function daysUntilDueAt(dueDate: string, now: Date, zone: string): number {
  return Math.max(0, calendarDaysBetween(calendarDateIn(now, zone), dueDate));
}

/** Whole days the invoice is late on the client's calendar at `now`; 0 before and on the due date. */
export function daysPastDueOn(dueDate: string, now: Date, zone: string): number {
  return Math.max(0, calendarDaysBetween(dueDate, calendarDateIn(now, zone)));
}

/** The timer key of one reminder: `<invoice id>/<kind>/<offset days>`, the natural key. */
export function reminderTimerKey(invoiceId: string, kind: PaymentReminderKind, offsetDays: number): string {
  return `${invoiceId}/${kind}/${offsetDays}`;
}

/** The reminder a timer key names, or null for a key this service never set. */
export function reminderOfTimerKey(key: string): { invoiceId: string; kind: PaymentReminderKind; offsetDays: number } | null {
  const match = /^([^/]+)\/(before_due|on_due|after_due)\/(\d+)$/.exec(key);
  if (!match) return null;
  return { invoiceId: match[1], kind: match[2] as PaymentReminderKind, offsetDays: Number(match[3]) };
}
