import { formatAmount, localeOf } from './money';

describe('formatAmount', () => {
  it.each([
    [772500, 'usd', 'en', 'US$7,725.00'],
    [772500, 'eur', 'de', '7.725,00 €'],
    [5, 'eur', 'en', '€0.05'],
    [-120000, 'gbp', 'en', '-£1,200.00'],
    [7725, 'jpy', 'de', '7.725 ¥'],
    [7725, 'kwd', 'en', 'KWD 7.725'],
    [100_000_000_000_000_0, 'usd', 'en', 'US$10,000,000,000,000.00'],
  ])('writes %d %s in %s as %s', (amountCents, currency, language, expected) => {
    // Intl puts a no-break space between number and symbol; compare with plain spaces
    expect(formatAmount(amountCents, currency, language).replace(/\u00a0|\u202f/g, ' ')).toBe(expected);
  });

  it('writes the largest amount the APIs accept without rounding a digit', () => {
    // given 10^15 - 1 minor units, beyond what a float divided by 100 keeps exactly
    const amount = 999_999_999_999_999;
    // then every digit is there
    expect(formatAmount(amount, 'usd', 'en')).toBe('US$9,999,999,999,999.99');
  });

  it('refuses a currency it does not know rather than guessing its minor unit', () => {
    expect(() => formatAmount(100, 'xyz', 'en')).toThrow(RangeError);
  });
});

describe('localeOf', () => {
  it.each([
    ['en', 'en-GB'],
    ['de', 'de-DE'],
    ['de-AT', 'de-DE'],
    ['fr', 'en-GB'],
  ])('writes %s as %s', (language, locale) => {
    expect(localeOf(language)).toBe(locale);
  });
});
