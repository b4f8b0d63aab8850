import { Timers, UnitOfWork } from '@mb/kernel';

/** A timer as a use case set it. */
export interface RecordedTimer {
  readonly timer: string;
  readonly key: string;
  readonly dueAt: Date;
  readonly data: Record<string, unknown>;
}

/**
 * Timers for use-case unit tests: records what was set and cancelled, and keeps the pending timer
 * per key as the real ones do (setting it again moves it). Like the real ones, a call counts only
 * once its unit of work has committed, and is refused outside one.
 */
export class RecordingTimers extends Timers {
  readonly scheduled: RecordedTimer[] = [];
  readonly cancelled: { readonly timer: string; readonly key: string }[] = [];
  private readonly pendingTimers = new Map<string, RecordedTimer>();

  constructor(private readonly unitOfWork: UnitOfWork) {
    super();
  }

  async schedule(timer: string, key: string, dueAt: Date, data: Record<string, unknown> = {}): Promise<void> {
    this.unitOfWork.afterCommit(() => {
      const set = { timer, key, dueAt, data };
      this.scheduled.push(set);
      this.pendingTimers.set(`${timer}/${key}`, set);
    });
  }

  async cancel(timer: string, key: string): Promise<void> {
    this.unitOfWork.afterCommit(() => {
      this.cancelled.push({ timer, key });
      this.pendingTimers.delete(`${timer}/${key}`);
    });
  }

  /** The timer waiting for `key`, if any. */
  pending(timer: string, key: string): RecordedTimer | undefined {
    return this.pendingTimers.get(`${timer}/${key}`);
  }
}
