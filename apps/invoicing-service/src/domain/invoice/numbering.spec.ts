import fc from 'fast-check';
import { invoiceSeriesOf, nextInvoiceNumber } from './numbering';

describe('Invoice numbering', () => {
  it('numbers an invoice in the yearly series of its issue date', () => {
    // given an issue date in 2026 and an empty series
    const series = invoiceSeriesOf('2026-05-28');
    // when the next number is taken
    const next = nextInvoiceNumber(series, 0);
    // then it is the first of INV-2026, six digits
    expect(next).toEqual({ series: 'INV-2026', sequence: 1, number: 'INV-2026-000001' });
  });

  it('starts a new series each calendar year', () => {
    expect(invoiceSeriesOf('2026-12-31')).toBe('INV-2026');
    expect(invoiceSeriesOf('2027-01-01')).toBe('INV-2027');
  });

  it('follows the last number without a gap, for any last number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_998 }), (last) => {
        const next = nextInvoiceNumber('INV-2026', last);
        expect(next.sequence).toBe(last + 1);
        expect(next.number).toMatch(/^INV-2026-\d{6}$/);
        expect(Number(next.number.slice(-6))).toBe(last + 1);
      }),
    );
  });

  it('refuses to go past the six digits of a series', () => {
    expect(() => nextInvoiceNumber('INV-2026', 999_999)).toThrow('exhausted');
  });

  it('refuses an issue date that is not a calendar date', () => {
    expect(() => invoiceSeriesOf('28/05/2026')).toThrow('YYYY-MM-DD');
  });
});
