import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { UnitOfWork } from '@mb/kernel';

interface OpenTransaction {
  readonly dataSource: DataSource;
  readonly manager: EntityManager;
  readonly committedEffects: (() => void)[];
}

// One store for the process: every TypeOrmUnitOfWork over the same data source sees the
// transaction opened by any of them (the consumer runner's, joined by a use case's repositories).
const openTransactions = new AsyncLocalStorage<OpenTransaction>();
let savepointCounter = 0;

/**
 * The unit of work as a TypeORM transaction carried in async context: a use case calls `run`,
 * and the repositories it reaches join the open transaction through `currentManager()` without any
 * port taking an EntityManager. Hand-written (see docs/decisions.md): the consumer runner in this
 * framework-free library must open the same transaction the Nest-managed repositories join.
 */
export class TypeOrmUnitOfWork extends UnitOfWork {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.transaction(() => work());
  }

  /** Like `run`, handing the work the transaction's manager: for infrastructure (inbox, relay). */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const open = this.open();
    if (open) return work(open.manager);
    const committedEffects: (() => void)[] = [];
    const result = await this.dataSource.transaction((manager) =>
      openTransactions.run({ dataSource: this.dataSource, manager, committedEffects }, () => work(manager)),
    );
    for (const effect of committedEffects) {
      try {
        effect();
      } catch {
        // An after-commit effect must not fail (UnitOfWork.afterCommit); the change itself stands.
      }
    }
    return result;
  }

  /**
   * Inside the open unit of work, runs `work` behind a savepoint: if it throws, what it wrote is
   * rolled back (and the after-commit effects it registered dropped) while the rest of the
   * transaction stays usable, then the error is rethrown. Idempotency keys use it to store a
   * refused request's answer in the transaction whose effect was undone.
   */
  async withSavepoint<T>(work: () => Promise<T>): Promise<T> {
    const open = this.open();
    if (!open) throw new Error('withSavepoint called outside a unit of work');
    const savepoint = `uow_savepoint_${++savepointCounter}`;
    const effectsBefore = open.committedEffects.length;
    await open.manager.query(`SAVEPOINT ${savepoint}`);
    try {
      const result = await work();
      await open.manager.query(`RELEASE SAVEPOINT ${savepoint}`);
      return result;
    } catch (error) {
      await open.manager.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      open.committedEffects.splice(effectsBefore);
      throw error;
    }
  }

  afterCommit(effect: () => void): void {
    const open = this.open();
    if (!open) throw new Error('afterCommit called outside a unit of work');
    open.committedEffects.push(effect);
  }

  /** The open transaction's manager, for writes. Refuses outside a unit of work. */
  currentManager(): EntityManager {
    const open = this.open();
    if (!open) {
      // A write outside a unit of work could commit without its event, or the reverse.
      throw new Error('no unit of work is open: run the use case through UnitOfWork.run');
    }
    return open.manager;
  }

  /** The open transaction's manager when there is one, else the pool's: for reads. */
  readManager(): EntityManager {
    return this.open()?.manager ?? this.dataSource.manager;
  }

  private open(): OpenTransaction | undefined {
    const open = openTransactions.getStore();
    return open?.dataSource === this.dataSource ? open : undefined;
  }
}
