import { daysPastDue, dueDateOf } from './due-date';

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
