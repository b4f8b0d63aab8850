import fc from 'fast-check';
import { calendarDateIn } from '@mb/kernel';
import { daysPastDueAt, isPastDueAt } from '../invoice/due-date';
import { balanceOf } from '../invoice/invoice';
import { INVOICE_STATUSES } from '../invoice/invoice-status';
import { AGING_BUCKETS, ageReceivables, agingBucketOf, openBalanceOf, type OpenBalance } from './aging';

type AgedInvoice = Parameters<typeof openBalanceOf>[0];

function anOpenBalance(overrides: Partial<OpenBalance> = {}): OpenBalance {
  return { clientId: 'cli_a', clientName: 'Acme Corp', currency: 'usd', clientTimeZone: 'UTC', dueDate: '2026-06-15', balanceCents: 100_000, invoiceCount: 1, ...overrides };
}

describe('AR aging', () => {
  it.each([
    [-10, 'current'],
    [0, 'current'],
    [1, 'days_1_30'],
    [30, 'days_1_30'],
    [31, 'days_31_60'],
    [60, 'days_31_60'],
    [61, 'days_61_90'],
    [90, 'days_61_90'],
    [91, 'days_over_90'],
    [4000, 'days_over_90'],
  ])('puts a balance %i days past due in %s', (days, bucket) => {
    expect(agingBucketOf(days)).toBe(bucket);
  });

  it('ages by the date the report is taken on in each client zone', () => {
    // given two balances due 15 June, one of a client in Auckland, one in Los Angeles
    const balances = [
      anOpenBalance({ clientId: 'cli_nz', clientTimeZone: 'Pacific/Auckland', balanceCents: 500 }),
      anOpenBalance({ clientId: 'cli_la', clientTimeZone: 'America/Los_Angeles', balanceCents: 700 }),
    ];
    // when aged at 2026-06-16T00:30Z: the 16th in Auckland, still the 15th in Los Angeles
    const now = new Date('2026-06-16T00:30:00Z');
    const report = ageReceivables(balances, (zone) => calendarDateIn(now, zone));
    // then Auckland's is 1 day past due, Los Angeles' is current
    expect(report.rows.find((row) => row.clientId === 'cli_nz')?.buckets).toMatchObject({ current: 0, days_1_30: 500 });
    expect(report.rows.find((row) => row.clientId === 'cli_la')?.buckets).toMatchObject({ current: 700, days_1_30: 0 });
  });

  it('keeps currencies apart, per client and in the totals', () => {
    const balances = [
      anOpenBalance({ currency: 'usd', balanceCents: 1_000, dueDate: '2026-01-01' }),
      anOpenBalance({ currency: 'jpy', balanceCents: 50_000, dueDate: '2026-05-01' }),
      anOpenBalance({ clientId: 'cli_b', currency: 'usd', balanceCents: 2_000, dueDate: '2026-06-30' }),
    ];
    const report = ageReceivables(balances, () => '2026-06-15');
    expect(report.rows.map((row) => [row.clientId, row.currency, row.totalCents])).toEqual([
      ['cli_a', 'jpy', 50_000],
      ['cli_a', 'usd', 1_000],
      ['cli_b', 'usd', 2_000],
    ]);
    expect(report.totals).toEqual([
      { currency: 'jpy', buckets: { current: 0, days_1_30: 0, days_31_60: 50_000, days_61_90: 0, days_over_90: 0 }, totalCents: 50_000, invoiceCount: 1 },
      { currency: 'usd', buckets: { current: 2_000, days_1_30: 0, days_31_60: 0, days_61_90: 0, days_over_90: 1_000 }, totalCents: 3_000, invoiceCount: 2 },
    ]);
  });

  it('counts only open invoices, at payable − paid − credited', () => {
    const base: AgedInvoice = {
      status: 'open', clientId: 'cli_a', clientName: null, currency: 'usd', clientTimeZone: 'UTC', dueDate: '2026-06-15',
      payableCents: 10_000, amountPaidCents: 2_500, amountCreditedCents: 1_000,
    };
    expect(openBalanceOf(base)?.balanceCents).toBe(6_500);
    expect(openBalanceOf({ ...base, status: 'paid' })).toBeNull();
    expect(openBalanceOf({ ...base, status: 'draft', dueDate: null })).toBeNull();
  });

  describe('for any set of invoices (property)', () => {
    const ZONES = ['UTC', 'Pacific/Auckland', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
    const aDate = fc.integer({ min: 0, max: 800 }).map((offset) => new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
    const anInvoice = fc
      .record({
        status: fc.constantFrom(...INVOICE_STATUSES),
        clientId: fc.constantFrom('cli_a', 'cli_b', 'cli_c'),
        currency: fc.constantFrom('usd', 'eur', 'jpy'),
        clientTimeZone: fc.constantFrom(...ZONES),
        dueDate: aDate,
        payableCents: fc.integer({ min: 0, max: 1_000_000_000 }),
        paidShare: fc.double({ min: 0, max: 1, noNaN: true }),
        creditedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ paidShare, creditedShare, ...invoice }): AgedInvoice => {
        const amountPaidCents = Math.floor(invoice.payableCents * paidShare);
        const amountCreditedCents = Math.floor((invoice.payableCents - amountPaidCents) * creditedShare);
        return { ...invoice, clientName: null, dueDate: invoice.status === 'draft' ? null : invoice.dueDate, amountPaidCents, amountCreditedCents };
      });
    const anInstant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 6, 1) }).map((ms) => new Date(ms));

    function open(invoices: readonly AgedInvoice[]): AgedInvoice[] {
      return invoices.filter((invoice) => invoice.status === 'open');
    }

    it('aging total = Σ open balances, per currency and per client', () => {
      fc.assert(
        fc.property(fc.array(anInvoice, { maxLength: 60 }), anInstant, (invoices, now) => {
          const balances = invoices.map(openBalanceOf).filter((balance) => balance !== null);
          const report = ageReceivables(balances, (zone) => calendarDateIn(now, zone));
          for (const currency of ['usd', 'eur', 'jpy']) {
            const owed = open(invoices).filter((invoice) => invoice.currency === currency).reduce((sum, invoice) => sum + balanceOf(invoice), 0);
            const total = report.totals.find((row) => row.currency === currency);
            expect(total?.totalCents ?? 0).toBe(owed);
            const byRows = report.rows.filter((row) => row.currency === currency).reduce((sum, row) => sum + row.totalCents, 0);
            expect(byRows).toBe(owed);
          }
          for (const row of report.rows) {
            const owed = open(invoices).filter((invoice) => invoice.clientId === row.clientId && invoice.currency === row.currency).reduce((sum, invoice) => sum + balanceOf(invoice), 0);
            expect(row.totalCents).toBe(owed);
            expect(AGING_BUCKETS.reduce((sum, bucket) => sum + row.buckets[bucket], 0)).toBe(row.totalCents);
          }
        }),
      );
    });

    it('buckets partition the open invoices: each in exactly one, current exactly when the invoice is not past due', () => {
      fc.assert(
        fc.property(fc.array(anInvoice, { maxLength: 60 }), anInstant, (invoices, now) => {
          const report = ageReceivables(invoices.map(openBalanceOf).filter((balance) => balance !== null), (zone) => calendarDateIn(now, zone));
          // Each open invoice's bucket, by the invoice's own overdue rule (due-date.ts), not aging's arithmetic.
          const expected = new Map<string, Record<string, number>>();
          for (const invoice of open(invoices)) {
            const dueDate = invoice.dueDate as string;
            const days = daysPastDueAt(dueDate, now, invoice.clientTimeZone);
            const bucket = isPastDueAt(dueDate, now, invoice.clientTimeZone) ? agingBucketOf(days) : 'current';
            expect(bucket === 'current').toBe(days <= 0);
            const key = `${invoice.clientId}/${invoice.currency}`;
            const buckets = expected.get(key) ?? Object.fromEntries(AGING_BUCKETS.map((name) => [name, 0]));
            buckets[bucket] += balanceOf(invoice);
            expected.set(key, buckets);
          }
          expect(Object.fromEntries(report.rows.map((row) => [`${row.clientId}/${row.currency}`, row.buckets]))).toEqual(Object.fromEntries(expected));
          expect(report.rows.reduce((sum, row) => sum + row.invoiceCount, 0)).toBe(open(invoices).length);
        }),
      );
    });

    it('ages one balance of grouped invoices as the invoices one by one', () => {
      fc.assert(
        fc.property(fc.array(anInvoice, { maxLength: 40 }), aDate, (invoices, asOf) => {
          const single = invoices.map(openBalanceOf).filter((balance) => balance !== null);
          const grouped = new Map<string, OpenBalance>();
          for (const balance of single) {
            const key = [balance.clientId, balance.currency, balance.clientTimeZone, balance.dueDate].join('/');
            const group = grouped.get(key);
            grouped.set(key, group ? { ...group, balanceCents: group.balanceCents + balance.balanceCents, invoiceCount: group.invoiceCount + 1 } : balance);
          }
          expect(ageReceivables([...grouped.values()], () => asOf)).toEqual(ageReceivables(single, () => asOf));
        }),
      );
    });
  });
});
