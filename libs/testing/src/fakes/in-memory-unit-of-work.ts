import { UnitOfWork } from '@mb/kernel';

/**
 * A unit of work for use-case unit tests: runs the work at once, and its after-commit effects
 * only when the work succeeded. Counts the units run, so a test can tell a use case opened one.
 */
export class InMemoryUnitOfWork extends UnitOfWork {
  unitsRun = 0;
  private pending: (() => void)[] | null = null;

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.pending) return work();
    this.pending = [];
    this.unitsRun += 1;
    try {
      const result = await work();
      for (const effect of this.pending) effect();
      return result;
    } finally {
      this.pending = null;
    }
  }

  afterCommit(effect: () => void): void {
    if (!this.pending) throw new Error('afterCommit called outside a unit of work');
    this.pending.push(effect);
  }
}
