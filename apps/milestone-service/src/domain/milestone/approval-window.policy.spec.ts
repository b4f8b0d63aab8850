import { APPROVAL_TIMERS, approvalWindowClosesAt, approvalWindowTimers } from './approval-window.policy';

describe('approval window policy', () => {
  it('closes the window at the end of the last calendar day, in the client time zone', () => {
    // a submission at 15:00 on 1 June in Los Angeles (22:00Z), with 10 days: answerable until the end of 11 June there
    expect(approvalWindowClosesAt(new Date('2026-06-01T22:00:00Z'), 10, 'America/Los_Angeles')).toEqual(new Date('2026-06-12T07:00:00Z'));
    // the same instant in UTC is already 1 June's evening: the window ends with 11 June, UTC
    expect(approvalWindowClosesAt(new Date('2026-06-01T22:00:00Z'), 10, 'UTC')).toEqual(new Date('2026-06-12T00:00:00Z'));
    // a submission after midnight in Auckland counts from that local day
    expect(approvalWindowClosesAt(new Date('2026-06-01T13:00:00Z'), 1, 'Pacific/Auckland')).toEqual(new Date('2026-06-03T12:00:00Z'));
  });

  it('counts weekends: the window is calendar days', () => {
    // submitted on Friday 5 June with 3 days: the window ends with Monday 8 June
    expect(approvalWindowClosesAt(new Date('2026-06-05T10:00:00Z'), 3, 'UTC')).toEqual(new Date('2026-06-09T00:00:00Z'));
  });

  it('refuses a window of no days', () => {
    expect(() => approvalWindowClosesAt(new Date('2026-06-05T10:00:00Z'), 0, 'UTC')).toThrow(RangeError);
  });

  it('reminds half-way and as the last day begins, then closes', () => {
    const submittedAt = new Date('2026-06-01T10:00:00Z');
    const closesAt = approvalWindowClosesAt(submittedAt, 10, 'UTC');
    expect(approvalWindowTimers(submittedAt, closesAt, 'UTC')).toEqual([
      { timer: APPROVAL_TIMERS.halfWindowReminder, dueAt: new Date('2026-06-06T17:00:00Z'), closesAt },
      { timer: APPROVAL_TIMERS.lastDayReminder, dueAt: new Date('2026-06-11T00:00:00Z'), closesAt },
      { timer: APPROVAL_TIMERS.windowCloses, dueAt: new Date('2026-06-12T00:00:00Z'), closesAt },
    ]);
  });

  it('drops a last-day reminder that would come before the half-way one (a one-day window)', () => {
    // submitted at 20:00 on 1 June with 1 day: closes as 3 June begins; half-way is 2 June 10:00,
    // after the start of the last day (2 June 00:00), which is dropped
    const submittedAt = new Date('2026-06-01T20:00:00Z');
    const closesAt = approvalWindowClosesAt(submittedAt, 1, 'UTC');
    expect(approvalWindowTimers(submittedAt, closesAt, 'UTC')).toEqual([
      { timer: APPROVAL_TIMERS.halfWindowReminder, dueAt: new Date('2026-06-02T10:00:00Z'), closesAt },
      { timer: APPROVAL_TIMERS.windowCloses, dueAt: new Date('2026-06-03T00:00:00Z'), closesAt },
    ]);
  });
});
