import { DateTime, IANAZone } from 'luxon';

/**
 * Issue 9 "Business dates in the client's time zone": calendar dates (YYYY-MM-DD) are the client's,
 * in its IANA time zone. An invoice is dated, falls due and falls overdue by the client's calendar,
 * not by UTC and not by the time zone of the machine a consumer runs on. Time-zone rules (offsets,
 * daylight saving, their history) come from Luxon over the runtime's ICU data, never from our code.
 */

/** The zone of clients registered before time zones were kept, and of events that carry none. */
export const UTC_TIME_ZONE = 'UTC';

/** Whether `zone` is an IANA time-zone name the runtime knows (e.g. "America/Los_Angeles", "UTC"). */
export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The calendar date an instant falls on in `zone`. */
export function calendarDateIn(instant: Date, zone: string): string {
  const date = DateTime.fromJSDate(instant, { zone: knownZone(zone) }).toISODate();
  if (date === null) throw new RangeError(`no calendar date for ${String(instant)} in ${zone}`);
  return date;
}

/**
 * The instant a calendar date begins in `zone`: its midnight, or on a day whose midnight a
 * daylight-saving change skips, the first instant of the day that exists.
 */
export function startOfDayIn(calendarDate: string, zone: string): Date {
  const start = DateTime.fromISO(calendarDate, { zone: knownZone(zone) }).startOf('day');
  if (!start.isValid) throw new RangeError(`${calendarDate} is not a calendar date (YYYY-MM-DD)`);
  return start.toJSDate();
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier); zone-free, as dates are. */
export function calendarDaysBetween(from: string, to: string): number {
  const start = DateTime.fromISO(from, { zone: UTC_TIME_ZONE });
  const end = DateTime.fromISO(to, { zone: UTC_TIME_ZONE });
  if (!start.isValid || !end.isValid) throw new RangeError(`not calendar dates: ${from}, ${to}`);
  return Math.round(end.diff(start, 'days').days);
}

function knownZone(zone: string): string {
  if (!isTimeZone(zone)) throw new RangeError(`unknown time zone "${zone}"`);
  return zone;
}

/**
 * The instant a calendar date's wall-clock time `hour`:`minute` happens in `zone` (09:00 in the
 * client's zone, whatever its offset that day). On a day a daylight-saving change skips that time,
 * the first instant after the gap (Luxon moves it forward); a repeated time is its first occurrence.
 */
export function localTimeIn(calendarDate: string, hour: number, minute: number, zone: string): Date {
  const day = DateTime.fromISO(calendarDate, { zone: knownZone(zone) });
  if (!day.isValid) throw new RangeError(`${calendarDate} is not a calendar date (YYYY-MM-DD)`);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23 || !Number.isInteger(minute) || minute < 0 || minute > 59) {
    throw new RangeError(`not a time of day: ${hour}:${minute}`);
  }
  return day.set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}
