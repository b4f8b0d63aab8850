import { formatMoney } from './currency';

/**
 * How a language writes an amount: the thousands and decimal separators. English as formatMoney
 * does (7,725.00 USD), German with the separators swapped (7.725,00 USD). The currency code, not a
 * symbol, follows the number in both: "$" alone does not say which dollar.
 */
const SEPARATORS: Readonly<Record<string, { thousands: string; decimal: string }>> = {
  en: { thousands: ',', decimal: '.' },
  de: { thousands: '.', decimal: ',' },
};

/**
 * formatMoney in a language's writing (a BCP 47 tag; its primary subtag decides, English when
 * unknown): 772500 usd in "de" → "7.725,00 USD". For emails and documents, never for arithmetic;
 * digits are moved as text, never through a float.
 */
export function formatMoneyIn(amountCents: number, currency: string, language: string): string {
  const english = formatMoney(amountCents, currency);
  const separators = SEPARATORS[language.toLowerCase().split('-')[0]] ?? SEPARATORS.en;
  if (separators === SEPARATORS.en) return english;
  return english.replace(/[,.]/g, (separator) => (separator === ',' ? separators.thousands : separators.decimal));
}
