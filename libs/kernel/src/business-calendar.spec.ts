import { calendarDateIn, calendarDaysBetween, isTimeZone, startOfDayIn } from './business-calendar';

describe('business calendar', () => {
  it('knows IANA zones and refuses what is not one', () => {
    expect(isTimeZone('America/Los_Angeles')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('dates an instant by the calendar of the zone', () => {
    // 00:30 UTC on 16 June is still the evening of the 15th in Los Angeles (UTC-7 in summer).
    expect(calendarDateIn(new Date('2026-06-16T00:30:00Z'), 'America/Los_Angeles')).toBe('2026-06-15');
    expect(calendarDateIn(new Date('2026-06-16T07:00:00Z'), 'America/Los_Angeles')).toBe('2026-06-16');
    // A trigger at 23:30 UTC on 31 December is already 1 January in Auckland.
    expect(calendarDateIn(new Date('2026-12-31T23:30:00Z'), 'Pacific/Auckland')).toBe('2027-01-01');
    expect(calendarDateIn(new Date('2026-12-31T23:30:00Z'), 'UTC')).toBe('2026-12-31');
  });

  it('begins a day at its local midnight, with the offset of that day', () => {
    expect(startOfDayIn('2026-06-16', 'America/Los_Angeles').toISOString()).toBe('2026-06-16T07:00:00.000Z');
    expect(startOfDayIn('2026-01-16', 'America/Los_Angeles').toISOString()).toBe('2026-01-16T08:00:00.000Z');
    expect(startOfDayIn('2026-06-16', 'UTC').toISOString()).toBe('2026-06-16T00:00:00.000Z');
  });

  it('begins a day whose midnight daylight saving skips at its first instant', () => {
    // Santiago moves its clocks from 00:00 to 01:00 on 6 September 2026: the day begins at 01:00 local (04:00Z).
    expect(startOfDayIn('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('counts calendar days between dates', () => {
    expect(calendarDaysBetween('2026-06-15', '2026-06-16')).toBe(1);
    expect(calendarDaysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(calendarDaysBetween('2026-06-16', '2026-06-15')).toBe(-1);
  });

  it('refuses an unknown zone or a malformed date instead of guessing', () => {
    expect(() => calendarDateIn(new Date(), 'Nowhere/Else')).toThrow(RangeError);
    expect(() => startOfDayIn('2026-02-30', 'UTC')).toThrow(RangeError);
  });
});
