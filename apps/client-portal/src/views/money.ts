import { CURRENCY_EXPONENTS, decimalStringOf } from '@mb/money';

/**
 * The locale a client's language is written in. English is en-GB: day-month-year dates, as most
 * of our clients outside the US read them, and "US$" rather than a bare "$" that does not say which
 * dollar. German is de-DE.
 */
export function localeOf(language: string): string {
  return language.toLowerCase().startsWith('de') ? 'de-DE' : 'en-GB';
}

/**
 * An amount for a person to read, in the client's language and the contract's currency:
 * 772500 usd in en → "US$7,725.00", in de → "7.725,00 $". Intl.NumberFormat formats the exact
 * decimal string (ECMA-402 accepts strings as exact decimals), never a float.
 */
export function formatAmount(amountCents: number, currency: string, language: string): string {
  const exponent = CURRENCY_EXPONENTS[currency.toLowerCase()];
  const format = new Intl.NumberFormat(localeOf(language), {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  // The string overload of format() is ES2023 Intl.NumberFormat v3; TypeScript's lib types lag.
  return (format.format as (value: string) => string)(decimalStringOf(amountCents, currency));
}
