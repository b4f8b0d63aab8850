import { calendarDateIn, calendarDaysBetween, isTimeZone, UTC_TIME_ZONE } from '@mb/kernel';
import { localeOf } from './money';

/** Today's date (YYYY-MM-DD) in the client's own time zone: "due today" is the client's today (UTC for a zone the runtime does not know). */
export function todayIn(timeZone: string, now: Date): string {
  return calendarDateIn(now, isTimeZone(timeZone) ? timeZone : UTC_TIME_ZONE);
}

/** How many days an invoice is past its due date on the client's today; 0 when it is not. */
export function daysLate(dueDate: string | null, today: string): number {
  if (dueDate === null) return 0;
  return Math.max(0, calendarDaysBetween(dueDate, today));
}

export interface TimeLeft {
  /** The window has closed: the approval is lapsed or deemed given, whatever the API says next. */
  readonly closed: boolean;
  readonly text: string;
}

/**
 * What is left of an approval window, for a person deciding whether to act today: days and hours
 * while more than a day is left, hours below that, and "less than an hour" at the end.
 */
export function timeLeft(dueAt: string | null, now: Date): TimeLeft {
  if (dueAt === null) return { closed: false, text: 'no deadline' };
  const minutes = Math.floor((new Date(dueAt).getTime() - now.getTime()) / 60_000);
  if (minutes <= 0) return { closed: true, text: 'the approval window has closed' };
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (days > 0) return { closed: false, text: `${plural(days, 'day')}${hours > 0 ? ` ${plural(hours, 'hour')}` : ''} left` };
  if (hours > 0) return { closed: false, text: `${plural(hours, 'hour')} left` };
  return { closed: false, text: 'less than an hour left' };
}

/** A calendar date (YYYY-MM-DD) as the client's language writes it: "1 Jul 2026", "01.07.2026". */
export function formatDate(date: string | null, language: string): string {
  if (date === null) return '—';
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
}

/** An instant in the client's time zone, to the minute. */
export function formatInstant(instant: string | null, language: string, timeZone: string): string {
  if (instant === null) return '—';
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(localeOf(language), { ...options, timeZone }).format(new Date(instant));
  } catch {
    return new Intl.DateTimeFormat(localeOf(language), { ...options, timeZone: 'UTC' }).format(new Date(instant));
  }
}
