import { InvoiceNumberSeriesRepository } from '../../src/application/ports/invoice-number-series.repository';

/** The yearly counters in a map, refusing any move but one step on, as the table's guard does. */
export class InMemoryInvoiceNumberSeriesRepository extends InvoiceNumberSeriesRepository {
  private readonly lastSequences = new Map<string, number>();

  constructor(initial: Record<string, number> = {}) {
    super();
    for (const [series, lastSequence] of Object.entries(initial)) this.lastSequences.set(series, lastSequence);
  }

  async lockLastSequence(series: string): Promise<number> {
    return this.lastSequenceOf(series);
  }

  async advanceTo(series: string, sequence: number): Promise<void> {
    if (this.lastSequenceOf(series) !== sequence - 1) throw new Error(`invoice series ${series} did not advance to ${sequence}`);
    this.lastSequences.set(series, sequence);
  }

  /** The last number used in the series, 0 when it has none. */
  lastSequenceOf(series: string): number {
    return this.lastSequences.get(series) ?? 0;
  }
}
