import { daysPastDue, daysPastDueAt, dueDateOf, isPastDueAt, issueDateOf, overdueFrom } from './due-date';

describe('Due date policy', () => {
  it.each([
    ['2026-05-28', 15, '2026-06-12'],
    ['2026-05-28', 30, '2026-06-27'],
    ['2026-05-28', 0, '2026-05-28'],
    ['2026-12-20', 15, '2027-01-04'],
    ['2028-02-15', 14, '2028-02-29'],
  ])('an invoice issued on %s with net-%i is due on %s', (issueDate, netDays, expected) => {
    expect(dueDateOf(issueDate, netDays)).toBe(expected);
  });

  it('refuses negative or fractional terms', () => {
    expect(() => dueDateOf('2026-05-28', -1)).toThrow('net days');
    expect(() => dueDateOf('2026-05-28', 1.5)).toThrow('net days');
  });

  it('counts whole days past the due date', () => {
    expect(daysPastDue('2026-06-12', '2026-06-13')).toBe(1);
    expect(daysPastDue('2026-06-12', '2026-07-12')).toBe(30);
    expect(daysPastDue('2026-06-12', '2026-06-12')).toBe(0);
  });
});

describe('Overdue policy', () => {
  it.each([
    ['2026-06-12', '2026-06-13T00:00:00.000Z'],
    ['2026-06-30', '2026-07-01T00:00:00.000Z'],
    ['2026-12-31', '2027-01-01T00:00:00.000Z'],
    ['2028-02-28', '2028-02-29T00:00:00.000Z'],
    ['2027-02-28', '2027-03-01T00:00:00.000Z'],
  ])('an invoice due on %s falls overdue at %s, the start of the next day (UTC)', (dueDate, expected) => {
    expect(overdueFrom(dueDate, 'UTC').toISOString()).toBe(expected);
  });

  it.each([
    ['America/Los_Angeles', '2026-06-15', '2026-06-16T07:00:00.000Z'],
    ['America/Los_Angeles', '2026-01-15', '2026-01-16T08:00:00.000Z'],
    ['Pacific/Auckland', '2026-12-31', '2026-12-31T11:00:00.000Z'],
    ['Asia/Kolkata', '2026-06-15', '2026-06-15T18:30:00.000Z'],
    // Santiago's clocks jump from 00:00 to 01:00 on 6 September 2026: the day begins at 01:00 there.
    ['America/Santiago', '2026-09-05', '2026-09-06T04:00:00.000Z'],
  ])("a %s client's invoice due on %s falls overdue at %s, the start of the next day there", (zone, dueDate, expected) => {
    expect(overdueFrom(dueDate, zone).toISOString()).toBe(expected);
  });

  it.each([
    ['on its due date', '2026-06-12T00:00:00Z', false, 0],
    ['in the last instant of its due date', '2026-06-12T23:59:59.999Z', false, 0],
    ['at the start of the next day', '2026-06-13T00:00:00Z', true, 1],
    ['three days later', '2026-06-15T08:00:00Z', true, 3],
    ['before it was due', '2026-06-01T10:00:00Z', false, -11],
  ])('an invoice due on 2026-06-12 %s (%s): past due %s, %i days', (_, at, pastDue, days) => {
    const now = new Date(at);
    expect(isPastDueAt('2026-06-12', now, 'UTC')).toBe(pastDue);
    expect(daysPastDueAt('2026-06-12', now, 'UTC')).toBe(days);
  });

  it.each([
    ['at 00:30Z on the 16th (17:30 on the 15th there)', '2026-06-16T00:30:00Z', false, 0],
    ['at 06:59:59Z on the 16th (the last second of the 15th there)', '2026-06-16T06:59:59Z', false, 0],
    ['at 07:00Z on the 16th (midnight there)', '2026-06-16T07:00:00Z', true, 1],
    ['at 08:00Z on the 16th', '2026-06-16T08:00:00Z', true, 1],
    ['at 03:00Z on the 18th (the evening of the 17th there)', '2026-06-18T03:00:00Z', true, 2],
  ])("a Los Angeles client's invoice due on 2026-06-15 %s: past due %s, %i days", (_, at, pastDue, days) => {
    const now = new Date(at);
    expect(isPastDueAt('2026-06-15', now, 'America/Los_Angeles')).toBe(pastDue);
    expect(daysPastDueAt('2026-06-15', now, 'America/Los_Angeles')).toBe(days);
  });
});

describe('Issue date policy', () => {
  it.each([
    ['2026-12-31T23:30:00Z', 'Pacific/Auckland', '2027-01-01'],
    ['2026-12-31T23:30:00Z', 'UTC', '2026-12-31'],
    ['2027-01-01T02:00:00Z', 'America/Los_Angeles', '2026-12-31'],
    ['2026-06-16T00:30:00Z', 'America/Los_Angeles', '2026-06-15'],
  ])('a trigger at %s is dated, for a client in %s, on %s', (triggeredAt, zone, expected) => {
    expect(issueDateOf(new Date(triggeredAt), zone)).toBe(expected);
  });
});
