import { daysPastDue, daysPastDueAt, dueDateOf, isPastDueAt, overdueFrom } from './due-date';

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
    expect(overdueFrom(dueDate).toISOString()).toBe(expected);
  });

  it.each([
    ['on its due date', '2026-06-12T00:00:00Z', false, 0],
    ['in the last instant of its due date', '2026-06-12T23:59:59.999Z', false, 0],
    ['at the start of the next day', '2026-06-13T00:00:00Z', true, 1],
    ['three days later', '2026-06-15T08:00:00Z', true, 3],
    ['before it was due', '2026-06-01T10:00:00Z', false, -11],
  ])('an invoice due on 2026-06-12 %s (%s): past due %s, %i days', (_, at, pastDue, days) => {
    const now = new Date(at);
    expect(isPastDueAt('2026-06-12', now)).toBe(pastDue);
    expect(daysPastDueAt('2026-06-12', now)).toBe(days);
  });
});
