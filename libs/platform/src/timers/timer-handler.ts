/** A timer as it fires: which, for what key, when it was due, and what it was set with. */
export interface FiredTimer {
  readonly timer: string;
  readonly key: string;
  /** When it was due, by the service clock. */
  readonly dueAt: Date;
  readonly data: Readonly<Record<string, unknown>>;
  /** 0 for the first attempt, then one more for each retry after a failure. */
  readonly retryCount: number;
}

/**
 * Handles one kind of timer, as a consumer handles one kind of event: it calls a use case, which
 * joins the unit of work the worker opened with the timer's inbox record, so a timer that fires
 * twice (a worker that died after the effect committed) has one effect. Throwing retries the timer
 * with backoff, except a DomainRejection, which is a business refusal and is not retried.
 */
export interface TimerHandler {
  readonly timer: string;
  /**
   * How many of this timer's firings an instance runs at once (pg-boss's `localConcurrency`: that
   * many workers, each fetching its own batch); 1 unless told. For a timer whose firings are short
   * and many, such as notification's delivery claims.
   */
  readonly workers?: number;
  fire(fired: FiredTimer): Promise<void>;
}
