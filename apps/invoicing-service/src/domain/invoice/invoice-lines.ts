import { basisPointsOf, sumOfCents } from '@mb/money';

export interface InvoiceLineInput {
  readonly description: string;
  readonly amountCents: number;
}

export interface InvoiceLine {
  readonly lineNumber: number;
  readonly description: string;
  readonly amountCents: number;
  readonly taxRateBps: number;
  readonly taxCents: number;
  readonly retainageBps: number;
  readonly retainageCents: number;
}

export interface InvoiceTotals {
  readonly lines: readonly InvoiceLine[];
  /** EN 16931 BT-106 (sum of invoice line net amounts) = BT-109 here: no document-level allowances. */
  readonly subtotalCents: number;
  /** EN 16931 BT-110: invoice total VAT amount, the sum of the rounded line taxes. */
  readonly taxCents: number;
  /** Withheld until final acceptance; carried in EN 16931 as a document-level allowance on the amount due. */
  readonly retainageCents: number;
  /** EN 16931 BT-112: invoice total amount with VAT = subtotal + tax. */
  readonly totalCents: number;
  /** EN 16931 BT-115: amount due for payment = total − retainage (nothing prepaid at issue). */
  readonly payableCents: number;
}

/**
 * Invoice line math, ARCHITECTURE.md "Money": per line, tax = basisPointsOf(amount, tax rate) and
 * retainage = basisPointsOf(amount, retainage rate), each rounded half-even on its own line; the
 * invoice's figures are sums of those rounded lines (never a rate applied to the sum), so the
 * document adds up line by line as a reader checks it. Then, in EN 16931 terms,
 * BT-112 total = BT-106 net + BT-110 tax, and BT-115 amount due = BT-112 − retainage.
 */
export function computeInvoiceLines(inputs: readonly InvoiceLineInput[], taxRateBps: number, retainageBps: number): InvoiceTotals {
  if (inputs.length === 0) throw new RangeError('an invoice needs at least one line');
  const lines = inputs.map((input, index): InvoiceLine => {
    if (!Number.isSafeInteger(input.amountCents) || input.amountCents < 0) {
      throw new RangeError(`line amount must be a non-negative whole number of minor units (got ${input.amountCents})`);
    }
    return {
      lineNumber: index + 1,
      description: input.description,
      amountCents: input.amountCents,
      taxRateBps,
      taxCents: basisPointsOf(input.amountCents, taxRateBps),
      retainageBps,
      retainageCents: basisPointsOf(input.amountCents, retainageBps),
    };
  });
  // Every figure is asserted an exact integer within the amount cap (libs/money): the events that
  // carry them refuse anything larger.
  const sum = (pick: (line: InvoiceLine) => number, what: string) => sumOfCents(lines.map(pick), what);
  const subtotalCents = sum((line) => line.amountCents, 'invoice subtotal');
  const taxCents = sum((line) => line.taxCents, 'invoice tax');
  const retainageCents = sum((line) => line.retainageCents, 'invoice retainage');
  const totalCents = sumOfCents([subtotalCents, taxCents], 'invoice total');
  return { lines, subtotalCents, taxCents, retainageCents, totalCents, payableCents: totalCents - retainageCents };
}
