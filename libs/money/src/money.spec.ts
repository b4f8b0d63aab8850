import fc from 'fast-check';
import { assertAmountWithinLimit, MAX_AMOUNT_CENTS, sumOfCents } from './amount-limits';
import { allocateByBasisPoints, allocateByWeights } from './allocation';
import { basisPointsOf, divideRoundHalfEven } from './basis-points';
import { decimalStringOf, formatMoney, isKnownCurrency } from './currency';

describe('largest-remainder allocation', () => {
  it('splits the agency schedule 25/35/25/15 of USD 30,000.00 exactly', () => {
    expect(allocateByBasisPoints(3_000_000, [2500, 3500, 2500, 1500])).toEqual([750_000, 1_050_000, 750_000, 450_000]);
  });

  it('gives the leftover cents to the largest remainders', () => {
    // 100 cents in thirds: 33.33 each, one cent left, to the first of the equal remainders
    expect(allocateByBasisPoints(100, [3334, 3333, 3333])).toEqual([34, 33, 33]);
    expect(allocateByWeights(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateByWeights(1, [1, 1, 1])).toEqual([1, 0, 0]);
  });

  it('refuses percentages that do not add up to 100 %', () => {
    expect(() => allocateByBasisPoints(1000, [2500, 3500, 2500, 1400])).toThrow('must add up to 10000 basis points (got 9900)');
  });

  it('always adds up to the total, for any total and weights', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 40 }).filter((weights) => weights.some((weight) => weight > 0)),
        (total, weights) => {
          const parts = allocateByWeights(total, weights);
          expect(parts.reduce((sum, part) => sum + part, 0)).toBe(total);
          expect(parts.every((part) => Number.isSafeInteger(part) && part >= 0)).toBe(true);
          // no part is more than one cent away from its exact share
          const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
          parts.forEach((part, index) => expect(Math.abs(part - (total * weights[index]) / weightSum)).toBeLessThan(1 + 1e-6));
        },
      ),
    );
  });
});

describe('half-even rounding', () => {
  it.each([
    [5n, 2n, 2n],
    [7n, 2n, 4n],
    [25n, 10n, 2n],
    [35n, 10n, 4n],
    [26n, 10n, 3n],
    [-25n, 10n, -2n],
    [-35n, 10n, -4n],
  ])('%p / %p rounds to %p', (numerator, denominator, expected) => {
    expect(divideRoundHalfEven(numerator, denominator)).toBe(expected);
  });

  it('computes tax per line in basis points', () => {
    expect(basisPointsOf(750_000, 825)).toBe(61_875); // 8.25 % of 7,500.00
    expect(basisPointsOf(50, 1000)).toBe(5);
    expect(basisPointsOf(5, 1000)).toBe(0); // 0.5 cent rounds to the even 0
    expect(basisPointsOf(15, 1000)).toBe(2); // 1.5 cents rounds to the even 2
  });

  it('refuses fractions of a cent as input', () => {
    expect(() => basisPointsOf(10.5, 100)).toThrow('whole number of minor units');
  });
});

describe('currencies', () => {
  it('knows lowercase ISO 4217 codes and formats by exponent', () => {
    expect(isKnownCurrency('usd')).toBe(true);
    expect(isKnownCurrency('USD')).toBe(false);
    expect(isKnownCurrency('xyz')).toBe(false);
    expect(formatMoney(3_000_000, 'usd')).toBe('30,000.00 USD');
    expect(formatMoney(1500, 'jpy')).toBe('1,500 JPY');
    expect(formatMoney(5, 'kwd')).toBe('0.005 KWD');
  });
});

describe('amount limits', () => {
  it('accepts amounts from 0 to 10^15 minor units and sums them exactly', () => {
    expect(() => assertAmountWithinLimit(0)).not.toThrow();
    expect(() => assertAmountWithinLimit(MAX_AMOUNT_CENTS)).not.toThrow();
    expect(sumOfCents([MAX_AMOUNT_CENTS - 1, 1])).toBe(MAX_AMOUNT_CENTS);
  });

  it('refuses an amount or a computed total past the cap, negative, fractional or unsafe', () => {
    for (const amount of [MAX_AMOUNT_CENTS + 1, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, Number.NaN]) {
      expect(() => assertAmountWithinLimit(amount, 'the amount')).toThrow(RangeError);
    }
    expect(() => sumOfCents([MAX_AMOUNT_CENTS, 1], 'the invoice total')).toThrow(/the invoice total must be a whole number of minor units from 0 to 1000000000000000/);
  });
});

describe('decimalStringOf', () => {
  it.each([
    [0, 'usd', '0.00'],
    [7, 'usd', '0.07'],
    [-7, 'usd', '-0.07'],
    [1234, 'jpy', '1234'],
    [1234, 'bhd', '1.234'],
  ])('turns %d %s into %s', (amountCents, currency, expected) => {
    expect(decimalStringOf(amountCents, currency)).toBe(expected);
  });
});

describe('decimalStringOf refuses', () => {
  it('an unknown currency and a fraction of a minor unit', () => {
    expect(() => decimalStringOf(100, 'xyz')).toThrow(RangeError);
    expect(() => decimalStringOf(1.5, 'usd')).toThrow(RangeError);
  });
});
