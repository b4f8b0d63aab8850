import { InvalidEventError } from '../outbox/invalid-event.error';
import { backoffMs, classifyFailure, DEFAULT_RETRY_POLICY, nextStepAfterFailure, PermanentEventError } from './failure-policy';

describe('consumer failure policy', () => {
  it.each([
    [new PermanentEventError('milestone 9 is not in the schedule'), 'permanent'],
    [new InvalidEventError('invoice.issued', ['/data/currency is required']), 'permanent'],
    [Object.assign(new Error('invalid input syntax for type integer'), { code: '22P02' }), 'permanent'],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'infrastructure'],
    [Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), 'infrastructure'],
    [new Error('Connection terminated unexpectedly'), 'infrastructure'],
    [Object.assign(new Error('could not serialize access'), { code: '40001' }), 'transient'],
    [new Error('something odd'), 'transient'],
    ['a string thrown', 'transient'],
  ])('classifies %p as %s', (error, kind) => {
    expect(classifyFailure(error)).toBe(kind);
  });

  it('dead-letters a permanent failure on the first attempt', () => {
    expect(nextStepAfterFailure('permanent', 1, DEFAULT_RETRY_POLICY)).toEqual({ action: 'dead_letter', reason: 'permanent' });
  });

  it('retries a transient failure with growing backoff, then dead-letters it', () => {
    const steps = [1, 2, 3, 4, 5].map((attempt) => nextStepAfterFailure('transient', attempt, DEFAULT_RETRY_POLICY));
    expect(steps).toEqual([
      { action: 'retry', afterMs: 200 },
      { action: 'retry', afterMs: 400 },
      { action: 'retry', afterMs: 800 },
      { action: 'retry', afterMs: 1600 },
      { action: 'dead_letter', reason: 'retries_exhausted' },
    ]);
  });

  it('never dead-letters because the database or broker is down', () => {
    const step = nextStepAfterFailure('infrastructure', 1000, DEFAULT_RETRY_POLICY);
    expect(step).toEqual({ action: 'retry', afterMs: DEFAULT_RETRY_POLICY.maxBackoffMs });
  });

  it('caps the backoff', () => {
    expect(backoffMs(30, DEFAULT_RETRY_POLICY)).toBe(5000);
  });
});
