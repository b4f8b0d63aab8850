import type { InMemoryUnitOfWork } from '@mb/testing';
import { InvoiceNumberSeriesRepository } from '../../src/application/ports/invoice-number-series.repository';

/**
 * The yearly counters in a map, each moved on by one per number taken. Given the use case's unit
 * of work, numbers taken count only once it commits, as the table's row does: a unit that fails
 * takes none.
 */
export class InMemoryInvoiceNumberSeriesRepository extends InvoiceNumberSeriesRepository {
  private readonly lastSequences = new Map<string, number>();
  /** Numbers taken in the open unit of work (the one counted by `unitsRun`), not yet committed. */
  private uncommitted: { unit: number; sequences: Map<string, number> } | undefined;

  constructor(
    initial: Record<string, number> = {},
    private readonly unitOfWork?: InMemoryUnitOfWork,
  ) {
    super();
    for (const [series, lastSequence] of Object.entries(initial)) this.lastSequences.set(series, lastSequence);
  }

  async takeNextSequence(series: string): Promise<number> {
    if (!this.unitOfWork) {
      const sequence = this.lastSequenceOf(series) + 1;
      this.lastSequences.set(series, sequence);
      return sequence;
    }
    // Taken in a unit that has since failed: those numbers were never committed.
    if (this.uncommitted && this.uncommitted.unit !== this.unitOfWork.unitsRun) this.uncommitted = undefined;
    if (!this.uncommitted) {
      const taken = { unit: this.unitOfWork.unitsRun, sequences: new Map<string, number>() };
      this.uncommitted = taken;
      this.unitOfWork.afterCommit(() => {
        for (const [name, sequence] of taken.sequences) this.lastSequences.set(name, sequence);
        this.uncommitted = undefined;
      });
    }
    const sequence = (this.uncommitted.sequences.get(series) ?? this.lastSequenceOf(series)) + 1;
    this.uncommitted.sequences.set(series, sequence);
    return sequence;
  }

  /** The last number committed in the series, 0 when it has none. */
  lastSequenceOf(series: string): number {
    return this.lastSequences.get(series) ?? 0;
  }
}
