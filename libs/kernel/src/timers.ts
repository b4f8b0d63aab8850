/**
 * Durable timers a use case sets in its unit of work: the timer commits with the state change that
 * needs it, or not at all, and fires once at its due instant (at once when that has passed), even
 * with several instances running or after downtime. Infrastructure decides how (pg-boss).
 */
export abstract class Timers {
  /**
   * Sets the timer `timer` for `key` (one pending timer per key: setting it again moves it) to fire
   * at `dueAt` with `data`. `dueAt` is business time, by the service clock.
   */
  abstract schedule(timer: string, key: string, dueAt: Date, data?: Record<string, unknown>): Promise<void>;

  /** Cancels the pending timer `timer` for `key`, if it has not fired; nothing when there is none. */
  abstract cancel(timer: string, key: string): Promise<void>;
}
