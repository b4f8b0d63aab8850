import { averageDaysLateOf, cashForecast, isoWeekOf, isoWeekStartOf, scheduleDrafts } from './cash-forecast';

describe('cash-flow forecast', () => {
  it.each([
    ['2026-12-04', '2026-11-30', '2026-W49'],
    ['2026-11-30', '2026-11-30', '2026-W49'],
    ['2026-12-06', '2026-11-30', '2026-W49'],
    ['2027-01-01', '2026-12-28', '2026-W53'],
    ['2027-01-04', '2027-01-04', '2027-W01'],
    ['2025-12-29', '2025-12-29', '2026-W01'],
    ['2024-12-30', '2024-12-30', '2025-W01'],
  ])('puts %s in the ISO week starting %s (%s)', (date, monday, week) => {
    expect(isoWeekStartOf(date)).toBe(monday);
    expect(isoWeekOf(date)).toBe(week);
  });

  it("learns a client's average days late from its paid invoices, an early payment counting as 0", () => {
    expect(averageDaysLateOf(undefined)).toBe(0);
    expect(averageDaysLateOf({ clientId: 'cli_a', daysLate: [] })).toBe(0);
    // (10 × 2 + 0 + 0) / 4 = 5
    expect(averageDaysLateOf({ clientId: 'cli_a', daysLate: [{ days: 10, invoices: 2 }, { days: -3, invoices: 1 }, { days: 0, invoices: 1 }] })).toBe(5);
    // 7 / 2 = 3.5, rounded to 4
    expect(averageDaysLateOf({ clientId: 'cli_a', daysLate: [{ days: 7, invoices: 1 }, { days: 0, invoices: 1 }] })).toBe(4);
  });

  it('expects each balance on its due date shifted by its client’s average days late, per currency and ISO week', () => {
    // given today is Friday 4 December 2026 (week 2026-W49, from Monday 30 November)
    const forecast = cashForecast({
      today: '2026-12-04',
      receipts: [
        // a punctual client's invoice due Wednesday 9 December: week 2
        { clientId: 'cli_on_time', currency: 'usd', dueDate: '2026-12-09', balanceCents: 100 },
        // a client 14 days late on average, due 9 December: expected 23 December, week 4
        { clientId: 'cli_late', currency: 'usd', dueDate: '2026-12-09', balanceCents: 200 },
        // already past due and expected before today: the first week
        { clientId: 'cli_on_time', currency: 'usd', dueDate: '2026-10-01', balanceCents: 400 },
        // expected after the 13th week (2027-W08: 2026 has 53 ISO weeks; it ends Sunday 28 February 2027)
        { clientId: 'cli_on_time', currency: 'usd', dueDate: '2027-03-01', balanceCents: 800 },
        // another currency, never added to dollars
        { clientId: 'cli_on_time', currency: 'jpy', dueDate: '2027-02-28', balanceCents: 5_000 },
      ],
      habits: [{ clientId: 'cli_late', daysLate: [{ days: 14, invoices: 3 }] }],
    });
    expect(forecast.map((currency) => currency.currency)).toEqual(['jpy', 'usd']);
    const [jpy, usd] = forecast;
    expect(usd.weeks).toHaveLength(13);
    expect(usd.weeks[0]).toEqual({ isoWeek: '2026-W49', weekStart: '2026-11-30', weekEnd: '2026-12-06', expectedCents: 400 });
    expect(usd.weeks[1].expectedCents).toBe(100);
    expect(usd.weeks[3]).toMatchObject({ weekStart: '2026-12-21', expectedCents: 200 });
    expect(usd.weeks[12]).toMatchObject({ isoWeek: '2027-W08', weekEnd: '2027-02-28' });
    expect(usd.beyondHorizonCents).toBe(800);
    expect(jpy.weeks[12].expectedCents).toBe(5_000);
    expect(jpy.beyondHorizonCents).toBe(0);
  });

  it('gives a currency asked for but with nothing open 13 weeks of nothing', () => {
    const [eur] = cashForecast({ today: '2026-12-04', receipts: [], habits: [], alsoCurrencies: ['eur'] });
    expect(eur).toMatchObject({ currency: 'eur', beyondHorizonCents: 0 });
    expect(eur.weeks.map((week) => week.expectedCents)).toEqual(new Array(13).fill(0));
  });

  it('places a draft with a planned date in the week of planned date + net days, shifted like an open invoice; one without stays unscheduled', () => {
    // given today is Friday 4 December 2026 (2026-W49)
    const { receipts, unscheduled, draftCounts } = scheduleDrafts([
      // planned Monday 7 December, net 30: due 6 January 2027; the client is 14 days late: 20 January, 2027-W03 (the 8th week)
      { clientId: 'cli_late', currency: 'usd', plannedDate: '2026-12-07', netDays: 30, payableCents: 1_000, drafts: 1 },
      // planned 1 December (the milestone is late already), net 0: expected in the first week
      { clientId: 'cli_on_time', currency: 'usd', plannedDate: '2026-12-01', netDays: 0, payableCents: 300, drafts: 2 },
      // planned far ahead: beyond the horizon
      { clientId: 'cli_on_time', currency: 'usd', plannedDate: '2027-06-01', netDays: 30, payableCents: 50, drafts: 1 },
      // not planned: counted apart, never in a week
      { clientId: 'cli_on_time', currency: 'usd', plannedDate: null, netDays: 30, payableCents: 7_000, drafts: 3 },
      { clientId: 'cli_on_time', currency: 'eur', plannedDate: null, netDays: 30, payableCents: 900, drafts: 1 },
    ]);
    expect(receipts).toEqual([
      { clientId: 'cli_late', currency: 'usd', dueDate: '2027-01-06', balanceCents: 1_000 },
      { clientId: 'cli_on_time', currency: 'usd', dueDate: '2026-12-01', balanceCents: 300 },
      { clientId: 'cli_on_time', currency: 'usd', dueDate: '2027-07-01', balanceCents: 50 },
    ]);
    expect(unscheduled).toEqual([
      { currency: 'usd', draftCount: 3, payableCents: 7_000 },
      { currency: 'eur', draftCount: 1, payableCents: 900 },
    ]);
    expect(Object.fromEntries(draftCounts)).toEqual({ usd: 7, eur: 1 });

    const [eur, usd] = cashForecast({
      today: '2026-12-04',
      receipts,
      habits: [{ clientId: 'cli_late', daysLate: [{ days: 14, invoices: 1 }] }],
      alsoCurrencies: unscheduled.map((apart) => apart.currency),
    });
    expect(eur.weeks.every((week) => week.expectedCents === 0)).toBe(true);
    expect(usd.weeks[0].expectedCents).toBe(300);
    expect(usd.weeks[7]).toMatchObject({ isoWeek: '2027-W03', weekStart: '2027-01-18', expectedCents: 1_000 });
    expect(usd.weeks.reduce((sum, week) => sum + week.expectedCents, 0)).toBe(1_300);
    expect(usd.beyondHorizonCents).toBe(50);
  });
});
