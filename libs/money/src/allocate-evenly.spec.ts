import fc from 'fast-check';
import { allocateEvenly } from './allocation';
import { CURRENCY_EXPONENTS } from './currency';

describe('allocateEvenly', () => {
  it('splits 1,000.00 into three instalments of 333.34, 333.33 and 333.33', () => {
    expect(allocateEvenly(100_000, 3)).toEqual([33_334, 33_333, 33_333]);
  });

  it('gives nothing to the later parts when the total has fewer minor units than parts', () => {
    expect(allocateEvenly(2, 4)).toEqual([1, 1, 0, 0]);
  });

  it('refuses a count that is not a positive whole number', () => {
    expect(() => allocateEvenly(100, 0)).toThrow(RangeError);
    expect(() => allocateEvenly(100, 1.5)).toThrow(RangeError);
  });

  it('adds up exactly, never differs by more than one minor unit and puts the larger parts first, for any amount, count and currency exponent', () => {
    const currencies = Object.keys(CURRENCY_EXPONENTS);
    fc.assert(
      fc.property(fc.constantFrom(...currencies), fc.integer({ min: 0, max: 1_000_000_000_000 }), fc.integer({ min: 1, max: 36 }), (currency, majorOrMinor, count) => {
        // an amount of the currency: whole major units plus any minor units its exponent allows
        const exponent = CURRENCY_EXPONENTS[currency];
        const totalCents = Math.min(majorOrMinor * 10 ** exponent + (majorOrMinor % 10 ** exponent), Number.MAX_SAFE_INTEGER);
        const parts = allocateEvenly(totalCents, count);
        expect(parts).toHaveLength(count);
        expect(parts.reduce((sum, part) => sum + part, 0)).toBe(totalCents);
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
        expect([...parts].sort((a, b) => b - a)).toEqual(parts);
      }),
    );
  });
});
