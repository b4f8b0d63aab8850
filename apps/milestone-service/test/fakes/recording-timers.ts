import { Timers } from '@mb/kernel';

/** A timer as the fake holds it: pending until cancelled (or set again, which moves it). */
export interface RecordedTimer {
  readonly timer: string;
  readonly key: string;
  readonly dueAt: Date;
  readonly data: Record<string, unknown>;
}

/**
 * The Timers port for use-case unit tests: keeps the pending timers as the real one would (one per
 * timer and key; setting it again moves it; cancelling removes it) and records every call, so a
 * test can check what a use case set, moved and cancelled.
 */
export class RecordingTimers extends Timers {
  readonly scheduled: RecordedTimer[] = [];
  readonly cancelled: { readonly timer: string; readonly key: string }[] = [];
  private readonly pendingTimers = new Map<string, RecordedTimer>();

  async schedule(timer: string, key: string, dueAt: Date, data: Record<string, unknown> = {}): Promise<void> {
    const set = { timer, key, dueAt, data };
    this.scheduled.push(set);
    this.pendingTimers.set(`${timer}\u0000${key}`, set);
  }

  async cancel(timer: string, key: string): Promise<void> {
    this.cancelled.push({ timer, key });
    this.pendingTimers.delete(`${timer}\u0000${key}`);
  }

  /** The timers still pending for a key (all keys when none is given), by timer name. */
  pending(key?: string): RecordedTimer[] {
    return [...this.pendingTimers.values()].filter((timer) => key === undefined || timer.key === key).sort((a, b) => a.timer.localeCompare(b.timer));
  }
}
