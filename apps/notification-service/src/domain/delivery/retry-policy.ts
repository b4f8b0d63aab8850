/**
 * When to try a failed delivery again: exponential backoff (base × 2^(attempt−1), capped at one
 * hour) for up to three days after the first attempt (ARCHITECTURE.md "Notifications"), then give up.
 */
export interface RetryPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly giveUpAfterMs: number;
}

export const ONE_HOUR_MS = 60 * 60 * 1000;
export const THREE_DAYS_MS = 3 * 24 * ONE_HOUR_MS;

export function retryPolicy(baseDelayMs: number): RetryPolicy {
  return { baseDelayMs, maxDelayMs: ONE_HOUR_MS, giveUpAfterMs: THREE_DAYS_MS };
}

/** The wait after the `attempt`-th failed attempt (from 1). */
export function backoffDelayMs(policy: RetryPolicy, attempt: number): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt counts from 1 (got ${attempt})`);
  // 2^40 already exceeds any cap; bounding the exponent keeps the arithmetic exact.
  return Math.min(policy.baseDelayMs * 2 ** Math.min(attempt - 1, 40), policy.maxDelayMs);
}

/** When to try again after the `attempt`-th failure at `now`, or `give_up` once past the retry window. */
export function nextAttemptAfterFailure(policy: RetryPolicy, input: { firstAttemptAt: Date; attempt: number; now: Date }): Date | 'give_up' {
  const next = new Date(input.now.getTime() + backoffDelayMs(policy, input.attempt));
  return next.getTime() > input.firstAttemptAt.getTime() + policy.giveUpAfterMs ? 'give_up' : next;
}
