import { addDays, calendarDateOf, OffsetClock } from './clock';

describe('OffsetClock', () => {
  it('moves forward to a chosen instant and keeps running from there', () => {
    const clock = new OffsetClock({ now: () => new Date('2026-05-01T00:00:00Z') });
    clock.travelTo(new Date('2026-06-01T12:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-06-01T12:00:00.000Z');
  });

  it('refuses to go back in time', () => {
    const clock = new OffsetClock({ now: () => new Date('2026-05-01T00:00:00Z') });
    expect(() => clock.travelTo(new Date('2026-04-01T00:00:00Z'))).toThrow('only moves forward');
  });
});

describe('calendar dates', () => {
  it.each([
    ['2026-05-28', 15, '2026-06-12'],
    ['2026-12-20', 15, '2027-01-04'],
    ['2028-02-20', 10, '2028-03-01'],
  ])('%s plus %i days is %s', (from, days, expected) => {
    expect(addDays(from, days)).toBe(expected);
  });

  it('takes the UTC date of an instant', () => {
    expect(calendarDateOf(new Date('2026-05-28T23:59:59Z'))).toBe('2026-05-28');
  });
});
