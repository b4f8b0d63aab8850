import { daysLate, formatDate, timeLeft, todayIn } from './calendar';

describe('todayIn', () => {
  it("is the client's date, not the server's", () => {
    // given 23:30 UTC on 30 June
    const now = new Date('2026-06-30T23:30:00Z');
    // then it is already 1 July in Berlin and still 30 June in New York
    expect(todayIn('Europe/Berlin', now)).toBe('2026-07-01');
    expect(todayIn('America/New_York', now)).toBe('2026-06-30');
  });

  it('falls back to UTC for a time zone it does not know', () => {
    expect(todayIn('Mars/Olympus_Mons', new Date('2026-06-30T23:30:00Z'))).toBe('2026-06-30');
  });
});

describe('daysLate', () => {
  it.each([
    ['2026-07-01', '2026-07-01', 0],
    ['2026-07-01', '2026-06-20', 0],
    ['2026-07-01', '2026-07-02', 1],
    ['2026-02-27', '2026-03-02', 3],
    ['2026-03-28', '2026-03-30', 2], // across the change to summer time: still whole days
  ])('an invoice due %s is, on %s, %d days late', (due, today, expected) => {
    expect(daysLate(due, today)).toBe(expected);
  });

  it('is never late without a due date', () => {
    expect(daysLate(null, '2026-07-01')).toBe(0);
  });
});

describe('timeLeft', () => {
  const now = new Date('2026-07-01T09:00:00Z');
  it.each([
    ['2026-07-03T13:30:00Z', false, '2 days 4 hours left'],
    ['2026-07-02T09:00:00Z', false, '1 day left'],
    ['2026-07-01T14:59:00Z', false, '5 hours left'],
    ['2026-07-01T10:00:00Z', false, '1 hour left'],
    ['2026-07-01T09:59:00Z', false, 'less than an hour left'],
    ['2026-07-01T09:00:00Z', true, 'the approval window has closed'],
    ['2026-06-30T09:00:00Z', true, 'the approval window has closed'],
  ])('a window ending %s is closed=%s: %s', (dueAt, closed, text) => {
    expect(timeLeft(dueAt, now)).toEqual({ closed, text });
  });

  it('says so when a milestone has no approval window', () => {
    expect(timeLeft(null, now)).toEqual({ closed: false, text: 'no deadline' });
  });
});

describe('formatDate', () => {
  it('writes a date in the client language, on that calendar day whatever the server zone', () => {
    expect(formatDate('2026-07-01', 'en')).toBe('1 Jul 2026');
    expect(formatDate('2026-07-01', 'de')).toBe('01.07.2026');
    expect(formatDate(null, 'en')).toBe('—');
  });
});
