/**
 * ISO 4217 currencies the system bills in, lowercase as in Stripe's API, with their exponent
 * (minor units per major unit as a power of ten). Amounts are always in minor units.
 */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = {
  aud: 2, brl: 2, cad: 2, chf: 2, cny: 2, czk: 2, dkk: 2, eur: 2, gbp: 2, hkd: 2, huf: 2, idr: 2,
  ils: 2, inr: 2, isk: 0, jpy: 0, krw: 0, mxn: 2, myr: 2, nok: 2, nzd: 2, php: 2, pln: 2, ron: 2,
  sek: 2, sgd: 2, thb: 2, try: 2, usd: 2, zar: 2, bhd: 3, jod: 3, kwd: 3, omr: 3, tnd: 3,
};

export function isKnownCurrency(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(CURRENCY_EXPONENTS, code);
}

/**
 * Integer minor units as the exact decimal they stand for: 772500 usd → "7725.00", 5 jpy → "5".
 * Digits are moved as text, never through a float (an Intl.NumberFormat takes this string exactly).
 */
export function decimalStringOf(amountCents: number, currency: string): string {
  const exponent = CURRENCY_EXPONENTS[currency.toLowerCase()];
  if (exponent === undefined) throw new RangeError(`unknown currency ${currency}`);
  if (!Number.isSafeInteger(amountCents)) throw new RangeError(`not a whole number of minor units: ${amountCents}`);
  const digits = String(Math.abs(amountCents)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${amountCents < 0 ? '-' : ''}${whole}${fraction}`;
}

/** 3000000 usd → "30,000.00 USD"; for documents and emails, never for arithmetic. */
export function formatMoney(amountCents: number, currency: string): string {
  if (CURRENCY_EXPONENTS[currency] === undefined) throw new RangeError(`unknown currency ${currency}`);
  const [whole, fraction] = decimalStringOf(amountCents, currency).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped}${fraction === undefined ? '' : `.${fraction}`} ${currency.toUpperCase()}`;
}
