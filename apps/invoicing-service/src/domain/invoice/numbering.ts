/**
 * Invoice numbering: one gapless series per calendar year of the issue date, INV-<year>-<6 digits>.
 * Pure: the repository holds the series' last number (a counter row locked in the issuing
 * transaction, so a rolled-back issue never burns a number); this policy says what comes next.
 */
export const INVOICE_SERIES_CAPACITY = 999_999;

export interface InvoiceNumberAssignment {
  readonly series: string;
  readonly sequence: number;
  readonly number: string;
}

/** The series an invoice issued on `issueDate` (YYYY-MM-DD) is numbered in: `INV-2026`. */
export function invoiceSeriesOf(issueDate: string): string {
  return `INV-${yearOf(issueDate)}`;
}

/**
 * The series a credit note issued on `issueDate` is numbered in: `CN-2026`, its own gapless yearly
 * series (issue 10), by the client's calendar as invoices are. `nextInvoiceNumber` follows it the
 * same way: the counter is a row of the same table, under its own name.
 */
export function creditNoteSeriesOf(issueDate: string): string {
  return `CN-${yearOf(issueDate)}`;
}

function yearOf(issueDate: string): string {
  const year = /^(\d{4})-\d{2}-\d{2}$/.exec(issueDate)?.[1];
  if (!year) throw new RangeError(`issue date must be YYYY-MM-DD (got "${issueDate}")`);
  return year;
}

/** The number after `lastSequence` in the series (0 when the series has none yet). */
export function nextInvoiceNumber(series: string, lastSequence: number): InvoiceNumberAssignment {
  if (!Number.isSafeInteger(lastSequence) || lastSequence < 0) throw new RangeError(`last sequence must be a non-negative integer (got ${lastSequence})`);
  const sequence = lastSequence + 1;
  // A seventh digit would break the printed format and the event schema; better to stop loudly.
  if (sequence > INVOICE_SERIES_CAPACITY) throw new RangeError(`number series ${series} is exhausted`);
  return { series, sequence, number: `${series}-${String(sequence).padStart(6, '0')}` };
}

/** The number of the series' `sequence`-th invoice (1 is the first), as the counter handed it out. */
export function invoiceNumberAt(series: string, sequence: number): InvoiceNumberAssignment {
  return nextInvoiceNumber(series, sequence - 1);
}
