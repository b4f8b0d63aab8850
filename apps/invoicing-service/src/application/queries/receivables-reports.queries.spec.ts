import { DomainRejection, type Clock } from '@mb/kernel';
import { FixedReceivablesReportSource } from '../../../test/fakes/fixed-receivables-report.port';
import type { UnbilledContract } from '../ports/receivables-report.port';
import { ReceivablesReports } from './receivables-reports.queries';

// 2026-06-16T00:30Z: the 16th in UTC and Auckland, still the 15th in Los Angeles.
const clock: Clock = { now: () => new Date('2026-06-16T00:30:00Z') };

function aContract(contractId: string): UnbilledContract {
  return { contractId, clientId: 'cli_a', clientName: null, title: 'Portal', currency: 'usd', totalValueCents: 100, billedCents: 40, unbilledCents: 60 };
}

describe('ReceivablesReports', () => {
  describe('aging', () => {
    const balances = [
      { clientId: 'cli_la', clientName: null, currency: 'usd', clientTimeZone: 'America/Los_Angeles', dueDate: '2026-06-15', balanceCents: 100, invoiceCount: 1 },
      { clientId: 'cli_nz', clientName: null, currency: 'usd', clientTimeZone: 'Pacific/Auckland', dueDate: '2026-06-15', balanceCents: 200, invoiceCount: 1 },
    ];

    it("ages as of today in each client's own zone by default", async () => {
      const report = await new ReceivablesReports(new FixedReceivablesReportSource({ balances }), clock).aging({});
      expect(report.asOf).toBeNull();
      expect(report.totals[0].buckets).toMatchObject({ current: 100, days_1_30: 200 });
    });

    it('ages every client as of the date asked for', async () => {
      const report = await new ReceivablesReports(new FixedReceivablesReportSource({ balances }), clock).aging({}, '2026-06-15');
      expect(report).toMatchObject({ asOf: '2026-06-15', totals: [{ buckets: { current: 300 } }] });
    });

    it('reads nothing for a caller who may see nothing of what it asked for', async () => {
      const source = new FixedReceivablesReportSource({ balances });
      const report = await new ReceivablesReports(source, clock).aging({ clientId: 'cli_la' }, undefined, { nothingVisible: true });
      expect(report).toMatchObject({ rows: [], totals: [] });
      expect(source.scopesAsked).toEqual([]);
    });
  });

  describe('collection ratios', () => {
    it('takes the 90 days to today (UTC) by default, and computes each currency apart', async () => {
      const source = new FixedReceivablesReportSource({
        periods: [
          { currency: 'eur', beginArCents: 0, endArCents: 300, endCurrentArCents: 0, creditSalesCents: 900 },
          { currency: 'usd', beginArCents: 0, endArCents: 0, endCurrentArCents: 0, creditSalesCents: 0 },
        ],
      });
      const view = await new ReceivablesReports(source, clock).collectionRatios({ currency: 'eur' }, {});
      expect(source.periodsAsked).toEqual([{ from: '2026-03-19', to: '2026-06-16', scope: { currency: 'eur' } }]);
      expect(view).toMatchObject({ from: '2026-03-19', to: '2026-06-16', days: 90, currencies: [{ currency: 'eur', dsoDays: 30 }, { currency: 'usd', dsoDays: null }] });
    });

    it.each([
      ['ends before it starts', { from: '2026-06-02', to: '2026-06-01' }, 'to'],
      ['lasts more than ten years', { from: '2016-01-01', to: '2026-06-01' }, 'from'],
    ])('refuses a period that %s (report.period_invalid, naming %s)', async (_case, period, field) => {
      const reports = new ReceivablesReports(new FixedReceivablesReportSource(), clock);
      await expect(reports.collectionRatios({}, period)).rejects.toEqual(expect.objectContaining({ code: 'report.period_invalid', field }));
      await expect(reports.collectionRatios({}, period)).rejects.toBeInstanceOf(DomainRejection);
    });
  });

  it('pages unbilled contracts, saying after which one the next page starts', async () => {
    const reports = new ReceivablesReports(new FixedReceivablesReportSource({ contracts: ['con_1', 'con_2', 'con_3'].map(aContract) }), clock);
    const first = await reports.unbilled({}, null, 2);
    expect(first).toMatchObject({ contracts: [{ contractId: 'con_1' }, { contractId: 'con_2' }], lastIdWhenMore: 'con_2' });
    expect(await reports.unbilled({}, 'con_2', 2)).toMatchObject({ contracts: [{ contractId: 'con_3' }], lastIdWhenMore: null });
  });

  it('forecasts from the week of today (UTC), with the drafts of each currency apart, a currency of drafts only included', async () => {
    const source = new FixedReceivablesReportSource({
      balances: [{ clientId: 'cli_a', clientName: null, currency: 'usd', clientTimeZone: 'UTC', dueDate: '2026-06-20', balanceCents: 500, invoiceCount: 1 }],
      habits: [{ clientId: 'cli_a', daysLate: [{ days: 7, invoices: 2 }] }],
      drafts: [{ clientId: 'cli_a', currency: 'jpy', plannedDate: null, netDays: 30, payableCents: 9_000, drafts: 2 }],
    });
    const view = await new ReceivablesReports(source, clock).cashForecast({});
    expect(view.asOf).toBe('2026-06-16');
    const [jpy, usd] = view.currencies;
    expect(jpy).toMatchObject({ currency: 'jpy', draftCount: 2, unscheduledDraftCents: 9_000 });
    expect(jpy.weeks.every((week) => week.expectedCents === 0)).toBe(true);
    // due Saturday 20 June + 7 days late = Saturday 27 June: the week of 22 June, the second
    expect(usd.weeks[1]).toMatchObject({ weekStart: '2026-06-22', expectedCents: 500 });
    expect(usd).toMatchObject({ draftCount: 0, unscheduledDraftCents: 0 });
  });

  it('adds a draft with a planned date to the week of planned date + net days + its client’s days late, the others apart', async () => {
    const source = new FixedReceivablesReportSource({
      balances: [{ clientId: 'cli_a', clientName: null, currency: 'usd', clientTimeZone: 'UTC', dueDate: '2026-06-20', balanceCents: 500, invoiceCount: 1 }],
      habits: [{ clientId: 'cli_a', daysLate: [{ days: 7, invoices: 2 }] }],
      drafts: [
        // planned Monday 15 June, net 5: due 20 June, + 7 days late = 27 June, the second week with the open invoice
        { clientId: 'cli_a', currency: 'usd', plannedDate: '2026-06-15', netDays: 5, payableCents: 2_000, drafts: 1 },
        { clientId: 'cli_a', currency: 'usd', plannedDate: null, netDays: 5, payableCents: 3_000, drafts: 2 },
      ],
    });
    const [usd] = (await new ReceivablesReports(source, clock).cashForecast({})).currencies;
    expect(usd.weeks[1]).toMatchObject({ weekStart: '2026-06-22', expectedCents: 2_500 });
    expect(usd).toMatchObject({ draftCount: 3, unscheduledDraftCents: 3_000, beyondHorizonCents: 0 });
  });
});
