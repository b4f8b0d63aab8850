import fc from 'fast-check';
import { CURRENCY_EXPONENTS, formatMoney } from './currency';
import { formatMoneyIn } from './localized';

describe('amounts written in a language', () => {
  it('writes English as formatMoney does, and German with the separators swapped', () => {
    expect(formatMoneyIn(772_500, 'usd', 'en')).toBe('7,725.00 USD');
    expect(formatMoneyIn(772_500, 'usd', 'de')).toBe('7.725,00 USD');
    expect(formatMoneyIn(123_456_789, 'eur', 'de-AT')).toBe('1.234.567,89 EUR');
    expect(formatMoneyIn(-5, 'eur', 'de')).toBe('-0,05 EUR');
    expect(formatMoneyIn(1_234_567, 'jpy', 'de')).toBe('1.234.567 JPY');
    expect(formatMoneyIn(1_234_567, 'kwd', 'de')).toBe('1.234,567 KWD');
  });

  it('falls back to English for a language it does not know', () => {
    expect(formatMoneyIn(772_500, 'usd', 'fr')).toBe('7,725.00 USD');
  });

  it('keeps every digit, in any currency: German and English differ only in their separators', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(...Object.keys(CURRENCY_EXPONENTS)), (cents, currency) => {
        const german = formatMoneyIn(cents, currency, 'de');
        expect(german.replace(/[.,]/g, '')).toBe(formatMoney(cents, currency).replace(/[.,]/g, ''));
      }),
    );
  });
});
