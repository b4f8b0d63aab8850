import fc from 'fast-check';
import { backoffDelayMs, nextAttemptAfterFailure, ONE_HOUR_MS, retryPolicy, THREE_DAYS_MS } from './retry-policy';

describe('The delivery retry policy', () => {
  const policy = retryPolicy(5000);

  it.each([
    [1, 5_000],
    [2, 10_000],
    [3, 20_000],
    [10, 2_560_000],
    [11, ONE_HOUR_MS],
    [500, ONE_HOUR_MS],
  ])('waits after failure %p for %p ms', (attempt, delay) => {
    // given a 5 s base, when attempt N fails, then the wait doubles each time up to one hour
    expect(backoffDelayMs(policy, attempt)).toBe(delay);
  });

  it('never waits less after a later failure, nor more than an hour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 200 }), (base, attempt) => {
        const custom = retryPolicy(base);
        const delay = backoffDelayMs(custom, attempt);
        return delay <= ONE_HOUR_MS && backoffDelayMs(custom, attempt + 1) >= delay;
      }),
    );
  });

  it('schedules the next attempt from now while inside three days of the first', () => {
    // given a first attempt and a third failure an hour later
    const firstAttemptAt = new Date('2026-06-01T00:00:00Z');
    const now = new Date('2026-06-01T01:00:00Z');
    // when asked, then the next attempt is 20 s later
    expect(nextAttemptAfterFailure(policy, { firstAttemptAt, attempt: 3, now })).toEqual(new Date('2026-06-01T01:00:20Z'));
  });

  it('gives up when the next attempt would fall after three days', () => {
    // given a failure 2 days 23.5 hours after the first attempt, the wait being an hour
    const firstAttemptAt = new Date('2026-06-01T00:00:00Z');
    const now = new Date(firstAttemptAt.getTime() + THREE_DAYS_MS - 30 * 60 * 1000);
    // when asked, then it gives up
    expect(nextAttemptAfterFailure(policy, { firstAttemptAt, attempt: 30, now })).toBe('give_up');
  });
});
