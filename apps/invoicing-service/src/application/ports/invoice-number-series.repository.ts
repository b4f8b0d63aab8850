/**
 * The gapless yearly invoice-number series (see domain/invoice/numbering.ts). Taking a number moves
 * the series' counter on by one and holds its row locked until the unit of work ends: concurrent
 * issues queue behind it, and a rolled-back issue releases it untouched, so no number is ever
 * skipped or used twice. Take it as late in the unit of work as the number allows: every statement
 * after it is time the other issues of the series wait.
 */
export abstract class InvoiceNumberSeriesRepository {
  /** Moves the series on by one (from 0 for a new series) and returns the sequence taken, locked until the unit of work ends. */
  abstract takeNextSequence(series: string): Promise<number>;
}
