import { CURRENCY_EXPONENTS } from '@mb/money';

/**
 * The locale a client's language is written in. English is en-GB: day-month-year dates, as most
 * of our clients outside the US read them, and "US$" rather than a bare "$" that does not say which
 * dollar. German is de-DE.
 */
export function localeOf(language: string): string {
  return language.toLowerCase().startsWith('de') ? 'de-DE' : 'en-GB';
}

/**
 * Integer minor units as the decimal string they stand for: 772500 usd → "7725.00". Digits are
 * moved as text, never through a float, so no amount up to the APIs' 10^15 limit is rounded.
 */
export function decimalOf(amountCents: number, currency: string): string {
  const exponent = CURRENCY_EXPONENTS[currency.toLowerCase()];
  if (exponent === undefined) throw new RangeError(`unknown currency ${currency}`);
  if (!Number.isSafeInteger(amountCents)) throw new RangeError(`not a whole number of minor units: ${amountCents}`);
  const digits = String(Math.abs(amountCents)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${amountCents < 0 ? '-' : ''}${whole}${fraction}`;
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
  return (format.format as (value: string) => string)(decimalOf(amountCents, currency));
}
