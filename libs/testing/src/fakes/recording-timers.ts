import { Timers, type UnitOfWork } from '@mb/kernel';

/** A timer as a use case set it. */
export interface RecordedTimer {
  readonly timer: string;
  readonly key: string;
  readonly dueAt: Date;
  readonly data: Record<string, unknown>;
}

/**
 * Timers for use-case unit tests: records what was set and cancelled, and keeps the pending timer
 * per timer and key as the real ones do (setting it again moves it). Given the unit of work, a call
 * counts only once that unit committed, like the real ones; without it, at once.
 */
export class RecordingTimers extends Timers {
  readonly scheduled: RecordedTimer[] = [];
  readonly cancelled: { readonly timer: string; readonly key: string }[] = [];
  private readonly waiting = new Map<string, RecordedTimer>();

  constructor(private readonly unitOfWork?: UnitOfWork) {
    super();
  }

  async schedule(timer: string, key: string, dueAt: Date, data: Record<string, unknown> = {}): Promise<void> {
    this.whenCommitted(() => {
      const set = { timer, key, dueAt, data };
      this.scheduled.push(set);
      this.waiting.set(`${timer}|${key}`, set);
    });
  }

  async cancel(timer: string, key: string): Promise<void> {
    this.whenCommitted(() => {
      this.cancelled.push({ timer, key });
      this.waiting.delete(`${timer}|${key}`);
    });
  }

  /** The timers waiting to fire, in the order first set. */
  pending(): RecordedTimer[] {
    return [...this.waiting.values()];
  }

  /** The timer `timer` waiting for `key`, if any. */
  pendingFor(timer: string, key: string): RecordedTimer | undefined {
    return this.waiting.get(`${timer}|${key}`);
  }

  /** The timer `timer` for `key` as it fires: taken off the pending ones (a use case may set it again). */
  take(timer: string, key: string): RecordedTimer {
    const set = this.waiting.get(`${timer}|${key}`);
    if (!set) throw new Error(`no pending ${timer} for ${key}`);
    this.waiting.delete(`${timer}|${key}`);
    return set;
  }

  private whenCommitted(effect: () => void): void {
    if (this.unitOfWork) this.unitOfWork.afterCommit(effect);
    else effect();
  }
}
