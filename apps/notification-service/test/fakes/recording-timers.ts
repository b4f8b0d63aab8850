import { Timers } from '@mb/kernel';

export interface ScheduledTimer {
  readonly timer: string;
  readonly key: string;
  readonly dueAt: Date;
  readonly data: Record<string, unknown>;
}

/**
 * Timers for use-case tests: keeps every call, and what would be pending (one per timer and key:
 * setting one again moves it, as the real timers do).
 */
export class RecordingTimers extends Timers {
  readonly scheduled: ScheduledTimer[] = [];
  readonly cancelled: { readonly timer: string; readonly key: string }[] = [];
  private readonly waiting = new Map<string, ScheduledTimer>();

  async schedule(timer: string, key: string, dueAt: Date, data: Record<string, unknown> = {}): Promise<void> {
    const set = { timer, key, dueAt, data };
    this.scheduled.push(set);
    this.waiting.set(`${timer}|${key}`, set);
  }

  async cancel(timer: string, key: string): Promise<void> {
    this.cancelled.push({ timer, key });
    this.waiting.delete(`${timer}|${key}`);
  }

  /** The timers that would be waiting to fire, in the order first set. */
  pending(): ScheduledTimer[] {
    return [...this.waiting.values()];
  }

  /** The timer `timer` for `key` as it fires: taken off the pending ones (a use case may set it again). */
  take(timer: string, key: string): ScheduledTimer {
    const set = this.waiting.get(`${timer}|${key}`);
    if (!set) throw new Error(`no pending ${timer} for ${key}`);
    this.waiting.delete(`${timer}|${key}`);
    return set;
  }
}
