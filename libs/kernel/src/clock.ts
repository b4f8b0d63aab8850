/** Where time comes from. Domain code takes a Clock; tests move it instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * The system clock shifted by an offset that can be moved forward: how a test lets an invoice
 * fall overdue without waiting for days. Time never runs backwards through it.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: Clock = systemClock) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  /** Moves the clock so that now() is `to`; refuses to go back. */
  travelTo(to: Date): void {
    const shift = to.getTime() - this.now().getTime();
    if (shift < 0) throw new RangeError(`the clock only moves forward (asked for ${to.toISOString()})`);
    this.offsetMs += shift;
  }
}

/** A calendar date (YYYY-MM-DD) in UTC: the form dates take in events and on invoices. */
export function calendarDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(calendarDate: string, days: number): string {
  const date = new Date(`${calendarDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return calendarDateOf(date);
}
