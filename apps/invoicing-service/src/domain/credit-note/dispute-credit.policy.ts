import type { InvoiceSnapshot } from '../invoice/invoice';
import { type CreditNoteLine, creditNoteLinesFor } from './credit-note';

/** What a credit note of `netCents` (spread by amount) would take off the invoice's balance: Σ net + tax − retainage. */
function payableCreditOf(invoice: InvoiceSnapshot, creditedBefore: readonly CreditNoteLine[], netCents: number): number {
  return creditNoteLinesFor(invoice, creditedBefore, { kind: 'amount', amountCents: netCents }).reduce(
    (sum, line) => sum + line.amountCents + line.taxCents - line.retainageCents,
    0,
  );
}

/**
 * The net amount to credit (a credit note by amount) so that the credit takes `payableCents` off
 * the invoice's balance. A dispute is about what the client is asked to pay (tax included,
 * retainage withheld), while credit notes are given net, before tax (issue 10). Tax and retainage
 * are rounded per line, so not every payable amount is reachable: the answer is the largest net
 * amount whose credit does not exceed `payableCents` (at most a cent or two short), or 0 when
 * nothing that small can be credited. Without tax or retainage the two are the same amount.
 */
export function netCreditForPayable(invoice: InvoiceSnapshot, creditedBefore: readonly CreditNoteLine[], payableCents: number): number {
  const creditedNet = creditedBefore.reduce((sum, line) => sum + line.amountCents, 0);
  const netLeft = invoice.lines.reduce((sum, line) => sum + line.amountCents, 0) - creditedNet;
  if (payableCents <= 0 || netLeft <= 0) return 0;
  // The payable credit grows with the net amount (rounding is monotone, each line's part never
  // shrinks by more than the rounding): search for the largest net whose credit fits.
  let low = 0;
  let high = netLeft;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (payableCreditOf(invoice, creditedBefore, middle) <= payableCents) low = middle;
    else high = middle - 1;
  }
  return low;
}
