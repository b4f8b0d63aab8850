import fc from 'fast-check';
import { computeInvoiceLines } from './invoice-lines';

describe('Invoice line math', () => {
  it('computes tax and retainage per line and adds the rounded lines up', () => {
    // given a USD 7,500.00 milestone, 8.25 % tax and 5 % retainage
    const totals = computeInvoiceLines([{ description: 'Deposit', amountCents: 750_000 }], 825, 500);
    // then
    expect(totals.lines[0]).toMatchObject({ lineNumber: 1, amountCents: 750_000, taxCents: 61_875, retainageCents: 37_500 });
    expect(totals).toMatchObject({ subtotalCents: 750_000, taxCents: 61_875, retainageCents: 37_500, totalCents: 811_875, payableCents: 774_375 });
  });

  it('rounds half a cent to the even neighbour on each line', () => {
    // given lines whose 10 % tax is 0.5, 1.5 and 2.5 cents
    const totals = computeInvoiceLines(
      [
        { description: 'a', amountCents: 5 },
        { description: 'b', amountCents: 15 },
        { description: 'c', amountCents: 25 },
      ],
      1000,
      1000,
    );
    // then each rounds half-even: 0, 2, 2 (not 1, 2, 3, and not 10 % of the 45 total)
    expect(totals.lines.map((line) => line.taxCents)).toEqual([0, 2, 2]);
    expect(totals.taxCents).toBe(4);
    expect(totals.retainageCents).toBe(4);
    expect(totals.totalCents).toBe(49);
    expect(totals.payableCents).toBe(45);
  });

  it('has no tax or retainage when the rates are zero', () => {
    const totals = computeInvoiceLines([{ description: 'Deposit', amountCents: 750_000 }], 0, 0);
    expect(totals).toMatchObject({ subtotalCents: 750_000, taxCents: 0, retainageCents: 0, totalCents: 750_000, payableCents: 750_000 });
  });

  it('always adds up: total = subtotal + tax, amount due = total − retainage, sums of the lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (amounts, taxRateBps, retainageBps) => {
          const totals = computeInvoiceLines(amounts.map((amountCents, i) => ({ description: `line ${i}`, amountCents })), taxRateBps, retainageBps);
          expect(totals.subtotalCents).toBe(amounts.reduce((a, b) => a + b, 0));
          expect(totals.taxCents).toBe(totals.lines.reduce((sum, line) => sum + line.taxCents, 0));
          expect(totals.totalCents).toBe(totals.subtotalCents + totals.taxCents);
          expect(totals.payableCents).toBe(totals.totalCents - totals.retainageCents);
          expect(totals.payableCents).toBeGreaterThanOrEqual(0);
          for (const line of totals.lines) {
            expect(Number.isSafeInteger(line.taxCents)).toBe(true);
            expect(Math.abs(line.taxCents - (line.amountCents * taxRateBps) / 10_000)).toBeLessThanOrEqual(0.5);
          }
        },
      ),
    );
  });

  it('refuses fractions of a cent and empty invoices', () => {
    expect(() => computeInvoiceLines([{ description: 'x', amountCents: 10.5 }], 0, 0)).toThrow('whole number');
    expect(() => computeInvoiceLines([], 0, 0)).toThrow('at least one line');
  });
});
