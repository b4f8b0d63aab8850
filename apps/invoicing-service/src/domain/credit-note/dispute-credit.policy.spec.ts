import fc from 'fast-check';
import { anOpenInvoiceOfLines } from '../invoice/invoice.fixtures';
import { creditNoteLinesFor } from './credit-note';
import { netCreditForPayable } from './dispute-credit.policy';

const payableOf = (lines: ReturnType<typeof creditNoteLinesFor>) => lines.reduce((sum, line) => sum + line.amountCents + line.taxCents - line.retainageCents, 0);

describe('netCreditForPayable (an upheld dispute credited through a credit note)', () => {
  it('is the payable amount itself on an invoice without tax or retainage', () => {
    const invoice = anOpenInvoiceOfLines([100_000, 50_000]).snapshot();
    expect(netCreditForPayable(invoice, [], 30_000)).toBe(30_000);
  });

  it('takes the tax out of a disputed amount that includes it', () => {
    // given an invoice at 8 % tax: 1,080.00 payable for 1,000.00 net
    const invoice = anOpenInvoiceOfLines([100_000], { taxRateBps: 800 }).snapshot();
    // when 108.00 of what the client pays is credited
    // then the credit note credits 100.00 net (+ 8.00 tax)
    expect(netCreditForPayable(invoice, [], 10_800)).toBe(10_000);
  });

  it('credits nothing for nothing', () => {
    expect(netCreditForPayable(anOpenInvoiceOfLines([100_000]).snapshot(), [], 0)).toBe(0);
  });

  it('never credits more than asked and at most a few cents less, for any invoice, rates and amount', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 2500 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 10 ** 9 }),
        (lineAmounts, taxRateBps, retainageBps, wanted) => {
          const invoice = anOpenInvoiceOfLines(lineAmounts, { taxRateBps, retainageBps }).snapshot();
          const fullPayable = payableOf(creditNoteLinesFor(invoice, [], { kind: 'full' }));
          const payableCents = Math.min(wanted, fullPayable);
          const net = netCreditForPayable(invoice, [], payableCents);
          const credited = net === 0 ? 0 : payableOf(creditNoteLinesFor(invoice, [], { kind: 'amount', amountCents: net }));
          expect(credited).toBeLessThanOrEqual(payableCents);
          expect(payableCents - credited).toBeLessThanOrEqual(lineAmounts.length + 2);
        },
      ),
    );
  });
});
