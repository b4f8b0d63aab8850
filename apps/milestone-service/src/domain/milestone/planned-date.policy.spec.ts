import fc from 'fast-check';
import { type BillingTrigger, MILESTONE_STATUSES, type MilestoneStatus } from './milestone-status';
import {
  advanceNoticeAt,
  ANNOUNCEMENT_TIMERS,
  awaitsSubmission,
  billableOnDate,
  datedWhenDue,
  billingDateAt,
  daysLate,
  daysUntil,
  dueDateUnderTerms,
  firedAt,
  MILESTONE_TIMERS,
  plannedDatePassedAt,
  plannedDateTimers,
  startOfDay,
  timersAfterAmendment,
} from './planned-date.policy';

const at = (instant: string) => new Date(instant);
const UTC = 'UTC';
const LOS_ANGELES = 'America/Los_Angeles';
const AUCKLAND = 'Pacific/Auckland';

describe('planned date policy', () => {
  it("starts a day at the client's midnight, in its zone and with that day's offset", () => {
    expect(startOfDay('2026-05-25', UTC)).toEqual(at('2026-05-25T00:00:00Z'));
    expect(startOfDay('2026-05-25', LOS_ANGELES)).toEqual(at('2026-05-25T07:00:00Z'));
    expect(startOfDay('2026-01-25', LOS_ANGELES)).toEqual(at('2026-01-25T08:00:00Z'));
    expect(startOfDay('2026-05-25', AUCKLAND)).toEqual(at('2026-05-24T12:00:00Z'));
  });

  describe('advanceNoticeAt', () => {
    it.each([
      ['a week ahead by default terms', '2026-05-25', 7, '2026-05-01T10:00:00Z', '2026-05-18T00:00:00Z'],
      ['a fortnight ahead', '2026-05-25', 14, '2026-05-01T10:00:00Z', '2026-05-11T00:00:00Z'],
      ['across a month end', '2026-03-03', 7, '2026-02-01T00:00:00Z', '2026-02-24T00:00:00Z'],
      ['across a leap day', '2028-03-03', 7, '2028-02-01T00:00:00Z', '2028-02-25T00:00:00Z'],
      ['at once when the notice day is past but the date still ahead', '2026-05-25', 7, '2026-05-21T15:30:00Z', '2026-05-21T15:30:00Z'],
      ['at once on the eve of the planned date', '2026-05-25', 7, '2026-05-24T23:59:59Z', '2026-05-24T23:59:59Z'],
    ])('gives notice %s', (_case, plannedDate, days, now, expected) => {
      expect(advanceNoticeAt(plannedDate, days, at(now), UTC)).toEqual(at(expected));
    });

    it.each([
      ['the contract turned notices off (0 days)', '2026-05-25', 0, '2026-05-01T00:00:00Z'],
      ['the planned day has begun', '2026-05-25', 7, '2026-05-25T00:00:00Z'],
      ['the planned date is past', '2026-05-25', 7, '2026-06-02T08:00:00Z'],
    ])('gives no notice when %s', (_case, plannedDate, days, now) => {
      expect(advanceNoticeAt(plannedDate, days, at(now), UTC)).toBeNull();
    });

    it("gives notice at the start of the client's notice day, in its zone", () => {
      // 18 May begins at 07:00Z in Los Angeles (PDT) and at 12:00Z on the 17th in Auckland (NZST).
      expect(advanceNoticeAt('2026-05-25', 7, at('2026-05-01T10:00:00Z'), LOS_ANGELES)).toEqual(at('2026-05-18T07:00:00Z'));
      expect(advanceNoticeAt('2026-05-25', 7, at('2026-05-01T10:00:00Z'), AUCKLAND)).toEqual(at('2026-05-17T12:00:00Z'));
      // 05:00Z on the 25th is still the 24th in Los Angeles: the planned day has not begun there.
      expect(advanceNoticeAt('2026-05-25', 7, at('2026-05-25T05:00:00Z'), LOS_ANGELES)).toEqual(at('2026-05-25T05:00:00Z'));
      expect(advanceNoticeAt('2026-05-25', 7, at('2026-05-25T05:00:00Z'), UTC)).toBeNull();
    });

    it('never gives notice after the planned day has begun, nor before the notice day, in any zone (property)', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 3650 }),
          fc.integer({ min: 0, max: 90 }),
          fc.integer({ min: -200 * 86_400_000, max: 200 * 86_400_000 }),
          fc.constantFrom(UTC, LOS_ANGELES, AUCKLAND, 'America/Santiago', 'Asia/Kolkata'),
          (dayNumber, days, offsetMs, zone) => {
            const plannedDate = new Date(Date.UTC(2026, 0, 1) + dayNumber * 86_400_000).toISOString().slice(0, 10);
            const plannedDayStarts = startOfDay(plannedDate, zone);
            const now = new Date(plannedDayStarts.getTime() + offsetMs);
            const noticeAt = advanceNoticeAt(plannedDate, days, now, zone);
            if (noticeAt === null) return days === 0 || now >= plannedDayStarts;
            // An hour of slack: a daylight-saving change between the two days shortens one of them.
            return noticeAt < plannedDayStarts && noticeAt >= now && noticeAt.getTime() >= plannedDayStarts.getTime() - days * 86_400_000 - 3_600_000;
          },
        ),
      );
    });
  });

  it('finds a milestone late at the start of the day after its planned date', () => {
    expect(plannedDatePassedAt('2026-05-25', UTC)).toEqual(at('2026-05-26T00:00:00Z'));
    expect(plannedDatePassedAt('2026-12-31', UTC)).toEqual(at('2027-01-01T00:00:00Z'));
    // In the client's zone: midnight in Los Angeles (PDT) is 07:00Z; in Auckland (NZDT) 11:00Z the day before.
    expect(plannedDatePassedAt('2026-05-25', LOS_ANGELES)).toEqual(at('2026-05-26T07:00:00Z'));
    expect(plannedDatePassedAt('2026-12-31', AUCKLAND)).toEqual(at('2026-12-31T11:00:00Z'));
  });

  it.each([
    ['2026-05-18T00:00:00Z', 7],
    ['2026-05-24T23:59:59Z', 1],
    ['2026-05-25T12:00:00Z', 0],
  ])('counts the days until 25 May from %s as %i', (now, days) => {
    expect(daysUntil('2026-05-25', at(now), UTC)).toBe(days);
  });

  it.each([
    ['2026-05-26T00:00:00Z', 1],
    ['2026-05-28T18:00:00Z', 3],
    ['2026-06-25T00:00:00Z', 31],
  ])('counts a milestone planned for 25 May late on %s by %i days', (now, days) => {
    expect(daysLate('2026-05-25', at(now), UTC)).toBe(days);
  });

  it("counts days until and days late by the client's calendar, not UTC's", () => {
    // 03:00Z on 26 May is still 25 May in Los Angeles: due today there, not yet late.
    expect(daysUntil('2026-05-25', at('2026-05-26T03:00:00Z'), LOS_ANGELES)).toBe(0);
    expect(daysLate('2026-05-25', at('2026-05-26T03:00:00Z'), LOS_ANGELES)).toBe(0);
    expect(daysLate('2026-05-25', at('2026-05-26T03:00:00Z'), UTC)).toBe(1);
    // 13:00Z on 24 May is already 25 May in Auckland.
    expect(daysUntil('2026-05-25', at('2026-05-24T13:00:00Z'), AUCKLAND)).toBe(0);
    expect(daysUntil('2026-05-25', at('2026-05-24T13:00:00Z'), UTC)).toBe(1);
  });

  it('dates the expected invoice due under net days as invoicing does', () => {
    expect(dueDateUnderTerms('2026-05-25', 30)).toBe('2026-06-24');
    expect(dueDateUnderTerms('2026-05-25', 0)).toBe('2026-05-25');
  });

  it('counts a timer as fired at its due instant at the earliest, whatever the firing clock says', () => {
    const dueAt = at('2026-05-26T00:00:00Z');
    expect(firedAt(at('2026-05-28T08:00:00Z'), dueAt)).toEqual(at('2026-05-28T08:00:00Z'));
    expect(firedAt(at('2026-05-20T08:00:00Z'), dueAt)).toEqual(dueAt);
  });

  it('waits for submission only while planned, in progress or rejected', () => {
    const waiting = MILESTONE_STATUSES.filter((status) => awaitsSubmission(status));
    expect(waiting).toEqual(['planned', 'in_progress', 'rejected']);
  });

  describe('the billing date of an on_date milestone', () => {
    it("falls at the start of the planned date in the client's zone, or now once that has begun", () => {
      expect(billingDateAt('2026-05-25', at('2026-05-01T10:00:00Z'), UTC)).toEqual(at('2026-05-25T00:00:00Z'));
      expect(billingDateAt('2026-05-25', at('2026-05-25T00:00:00Z'), UTC)).toEqual(at('2026-05-25T00:00:00Z'));
      expect(billingDateAt('2026-05-25', at('2026-05-25T09:30:00Z'), UTC)).toEqual(at('2026-05-25T09:30:00Z'));
      expect(billingDateAt('2026-05-25', at('2026-05-01T10:00:00Z'), LOS_ANGELES)).toEqual(at('2026-05-25T07:00:00Z'));
      expect(billingDateAt('2026-05-25', at('2026-05-01T10:00:00Z'), AUCKLAND)).toEqual(at('2026-05-24T12:00:00Z'));
    });

    it('dates the trigger when the timer was due, never before the last change', () => {
      expect(datedWhenDue(at('2026-05-25T00:00:00Z'), at('2026-05-20T08:00:00Z'))).toEqual(at('2026-05-25T00:00:00Z'));
      expect(datedWhenDue(at('2026-05-25T00:00:00Z'), at('2026-05-25T08:00:00Z'))).toEqual(at('2026-05-25T08:00:00Z'));
    });

    it('bills an on_date milestone still planned for the date, from any state before billing', () => {
      const billable = MILESTONE_STATUSES.filter((status) => billableOnDate({ billingTrigger: 'on_date', status, plannedDate: '2026-05-25' }, '2026-05-25'));
      expect(billable).toEqual(['planned', 'in_progress', 'submitted', 'approved', 'rejected']);
      expect(billableOnDate({ billingTrigger: 'on_date', status: 'planned', plannedDate: '2026-06-01' }, '2026-05-25')).toBe(false);
      expect(billableOnDate({ billingTrigger: 'on_completion', status: 'planned', plannedDate: '2026-05-25' }, '2026-05-25')).toBe(false);
    });

    it('is not one of the announcements a submission makes pointless', () => {
      expect(ANNOUNCEMENT_TIMERS).toEqual([MILESTONE_TIMERS.dueSoon, MILESTONE_TIMERS.plannedDatePassed]);
    });
  });

  describe('timersAfterAmendment (issue 14)', () => {
    const amended = (status: MilestoneStatus, billingTrigger: BillingTrigger) => ({
      status,
      plannedDate: '2026-06-15' as string | null,
      advanceNoticeDays: 7,
      billingTrigger,
      clientTimeZone: UTC,
    });
    const now = at('2026-05-01T10:00:00Z');

    it('sets the notice and the delay check of a milestone still waiting for its work, for its amended date', () => {
      expect(timersAfterAmendment(amended('in_progress', 'on_approval'), now)).toEqual(plannedDateTimers(amended('in_progress', 'on_approval'), now));
    });

    it('keeps the billing date of an on_date milestone already handed over, moved to its amended date', () => {
      expect(timersAfterAmendment(amended('submitted', 'on_date'), now)).toEqual([
        { timer: MILESTONE_TIMERS.billingDate, dueAt: at('2026-06-15T00:00:00Z'), plannedDate: '2026-06-15' },
      ]);
    });

    it('sets nothing for a milestone handed over that its date does not bill', () => {
      expect(timersAfterAmendment(amended('submitted', 'on_approval'), now)).toEqual([]);
      expect(timersAfterAmendment(amended('approved', 'on_date'), now)).toHaveLength(1);
      expect(timersAfterAmendment(amended('triggered_for_disbursement', 'on_date'), now)).toEqual([]);
    });
  });

  describe('plannedDateTimers', () => {
    const planned = (
      overrides: { status?: MilestoneStatus; plannedDate?: string | null; advanceNoticeDays?: number; billingTrigger?: BillingTrigger; clientTimeZone?: string } = {},
    ) => ({
      status: 'planned' as MilestoneStatus,
      plannedDate: '2026-05-25' as string | null,
      advanceNoticeDays: 7,
      billingTrigger: 'on_approval' as BillingTrigger,
      clientTimeZone: UTC,
      ...overrides,
    });

    it("sets every timer at the start of a day in the client's zone", () => {
      expect(plannedDateTimers(planned({ clientTimeZone: LOS_ANGELES }), at('2026-05-01T10:00:00Z'))).toEqual([
        { timer: MILESTONE_TIMERS.dueSoon, dueAt: at('2026-05-18T07:00:00Z'), plannedDate: '2026-05-25' },
        { timer: MILESTONE_TIMERS.plannedDatePassed, dueAt: at('2026-05-26T07:00:00Z'), plannedDate: '2026-05-25' },
      ]);
      expect(plannedDateTimers(planned({ billingTrigger: 'on_date', clientTimeZone: AUCKLAND }), at('2026-05-01T10:00:00Z'))).toEqual([
        { timer: MILESTONE_TIMERS.dueSoon, dueAt: at('2026-05-17T12:00:00Z'), plannedDate: '2026-05-25' },
        { timer: MILESTONE_TIMERS.billingDate, dueAt: at('2026-05-24T12:00:00Z'), plannedDate: '2026-05-25' },
      ]);
    });

    it('sets the advance notice and the billing date, not a delay check, for an on_date milestone', () => {
      expect(plannedDateTimers(planned({ billingTrigger: 'on_date' }), at('2026-05-01T10:00:00Z'))).toEqual([
        { timer: MILESTONE_TIMERS.dueSoon, dueAt: at('2026-05-18T00:00:00Z'), plannedDate: '2026-05-25' },
        { timer: MILESTONE_TIMERS.billingDate, dueAt: at('2026-05-25T00:00:00Z'), plannedDate: '2026-05-25' },
      ]);
    });

    it('sets the billing date of an on_date milestone whose date has begun for now, to fire at once', () => {
      expect(plannedDateTimers(planned({ billingTrigger: 'on_date' }), at('2026-06-10T10:00:00Z'))).toEqual([
        { timer: MILESTONE_TIMERS.billingDate, dueAt: at('2026-06-10T10:00:00Z'), plannedDate: '2026-05-25' },
      ]);
    });

    it('sets the advance notice and the delay check for a milestone planned ahead', () => {
      expect(plannedDateTimers(planned(), at('2026-05-01T10:00:00Z'))).toEqual([
        { timer: MILESTONE_TIMERS.dueSoon, dueAt: at('2026-05-18T00:00:00Z'), plannedDate: '2026-05-25' },
        { timer: MILESTONE_TIMERS.plannedDatePassed, dueAt: at('2026-05-26T00:00:00Z'), plannedDate: '2026-05-25' },
      ]);
    });

    it('sets only the delay check when notices are off or the planned day has come', () => {
      expect(plannedDateTimers(planned({ advanceNoticeDays: 0 }), at('2026-05-01T10:00:00Z')).map(({ timer }) => timer)).toEqual([MILESTONE_TIMERS.plannedDatePassed]);
      expect(plannedDateTimers(planned(), at('2026-05-25T10:00:00Z')).map(({ timer }) => timer)).toEqual([MILESTONE_TIMERS.plannedDatePassed]);
    });

    it('sets the delay check of a date already past, so that it fires at once', () => {
      expect(plannedDateTimers(planned(), at('2026-06-10T10:00:00Z'))).toEqual([
        { timer: MILESTONE_TIMERS.plannedDatePassed, dueAt: at('2026-05-26T00:00:00Z'), plannedDate: '2026-05-25' },
      ]);
    });

    it.each(['submitted', 'approved', 'triggered_for_disbursement', 'invoiced', 'paid', 'cancelled'] as const)(
      'sets nothing for a %s milestone',
      (status) => {
        expect(plannedDateTimers(planned({ status }), at('2026-05-01T10:00:00Z'))).toEqual([]);
      },
    );

    it('sets nothing for a milestone without a planned date', () => {
      expect(plannedDateTimers(planned({ plannedDate: null }), at('2026-05-01T10:00:00Z'))).toEqual([]);
    });
  });
});
