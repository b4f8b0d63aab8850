/**
 * The gapless yearly invoice-number series (see domain/invoice/numbering.ts). The counter is held
 * locked from `lockLastSequence` until the unit of work ends: concurrent issues queue behind it,
 * and a rolled-back issue releases it untouched, so no number is ever skipped or used twice.
 */
export abstract class InvoiceNumberSeriesRepository {
  /** The series' last number used (0 for a new series), locked until the unit of work ends. */
  abstract lockLastSequence(series: string): Promise<number>;
  /** Moves the series on by exactly one, to `sequence`; anything else is a broken invariant. */
  abstract advanceTo(series: string, sequence: number): Promise<void>;
}
