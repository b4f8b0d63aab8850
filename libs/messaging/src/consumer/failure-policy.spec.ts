import { ConcurrentUpdate, DomainRejection } from '@mb/kernel';
import { InvalidEventError } from '../outbox/invalid-event.error';
import { backoffMs, classifyFailure, DEFAULT_RETRY_POLICY, failureCodeOf, nextStepAfterFailure, PermanentEventError } from './failure-policy';

describe('consumer failure policy', () => {
  it.each([
    [new PermanentEventError('milestone 9 is not in the schedule'), 'permanent'],
    [new InvalidEventError('invoice.issued', ['/data/currency is required']), 'permanent'],
    [new DomainRejection('not_found', 'invoice.not_found', 'invoice inv_1 does not exist'), 'permanent'],
    [new DomainRejection('conflict', 'milestone.illegal_transition', 'milestone ms_1 cannot go from paid to approved'), 'permanent'],
    // a rejection's code is no SQLSTATE even when it looks like one
    [new DomainRejection('invalid', '08006', 'a code that happens to look like a connection failure'), 'permanent'],
    [Object.assign(new Error('invalid input syntax for type integer'), { code: '22P02' }), 'permanent'],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'infrastructure'],
    [Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), 'infrastructure'],
    [new Error('Connection terminated unexpectedly'), 'infrastructure'],
    [new Error('timeout exceeded when trying to connect'), 'infrastructure'],
    [Object.assign(new Error('cannot execute INSERT in a read-only transaction'), { code: '25006' }), 'infrastructure'],
    [Object.assign(new Error('could not serialize access'), { code: '40001' }), 'infrastructure'],
    [Object.assign(new Error('deadlock detected'), { code: '40P01' }), 'infrastructure'],
    [Object.assign(new Error('could not obtain lock on row'), { code: '55P03' }), 'infrastructure'],
    [Object.assign(new Error('canceling statement due to lock timeout'), { code: '57014' }), 'infrastructure'],
    [Object.assign(new Error('sorry, too many clients already'), { code: '53300' }), 'infrastructure'],
    [Object.assign(new Error('the database system is starting up'), { code: '57P03' }), 'infrastructure'],
    [Object.assign(new Error('There is no leader for this topic-partition'), { name: 'KafkaJSProtocolError', retriable: true }), 'infrastructure'],
    [Object.assign(new Error('Topic authorization failed'), { name: 'KafkaJSProtocolError', retriable: false }), 'transient'],
    [Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }), 'transient'],
    [new Error('something odd'), 'transient'],
    ['a string thrown', 'transient'],
  ])('classifies %p as %s', (error, kind) => {
    expect(classifyFailure(error)).toBe(kind);
  });

  it('dead-letters a DomainRejection on its first attempt, where a plain error would be retried', () => {
    // given a business refusal thrown by a handler
    const rejection = new DomainRejection('not_found', 'invoice.not_found', 'invoice inv_1 does not exist');
    // when the policy decides after the first failed attempt
    const step = nextStepAfterFailure(classifyFailure(rejection), 1, DEFAULT_RETRY_POLICY);
    // then it is dead-lettered at once as permanent, not retried until retries_exhausted
    expect(step).toEqual({ action: 'dead_letter', reason: 'permanent' });
    expect(nextStepAfterFailure(classifyFailure(new Error('invoice inv_1 does not exist')), 1, DEFAULT_RETRY_POLICY).action).toBe('retry');
  });

  it('retries a lost optimistic-version race, which may pass on fresh state, rather than dead-lettering it', () => {
    // given another writer moved the invoice's version on between load and save
    const race = new ConcurrentUpdate('invoice', 'inv_1');
    // when the policy decides after the first failed attempt
    const step = nextStepAfterFailure(classifyFailure(race), 1, DEFAULT_RETRY_POLICY);
    // then the event is tried again, and the dead letter, if it comes to that, carries the code
    expect(step.action).toBe('retry');
    expect(failureCodeOf(race)).toBe('invoice.concurrent_update');
  });

  it.each([
    [new DomainRejection('not_found', 'invoice.not_found', 'invoice inv_1 does not exist'), 'invoice.not_found'],
    [new PermanentEventError('milestone 9 is not in the schedule'), undefined],
    [Object.assign(new Error('invalid input syntax for type integer'), { code: '22P02' }), undefined],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), undefined],
    ['a string thrown', undefined],
  ])('gives %p the stable code %p', (error, code) => {
    expect(failureCodeOf(error)).toBe(code);
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

  it('retries a failover\'s read-only error far past the attempts an unknown error gets', () => {
    // given the database answering 25006 (a primary demoted to read-only) on every attempt
    const readOnly = Object.assign(new Error('cannot execute UPDATE in a read-only transaction'), { code: '25006' });
    // when the policy decides after each of 50 failed attempts
    const steps = Array.from({ length: 50 }, (_, index) => nextStepAfterFailure(classifyFailure(readOnly), index + 1, DEFAULT_RETRY_POLICY));
    // then every step is a retry, with backoff growing to its cap and staying there
    expect(steps.every((step) => step.action === 'retry')).toBe(true);
    expect(steps.slice(0, 6).map((step) => (step.action === 'retry' ? step.afterMs : -1))).toEqual([200, 400, 800, 1600, 3200, 5000]);
    expect(steps[49]).toEqual({ action: 'retry', afterMs: 5000 });
  });

  it('caps the backoff', () => {
    expect(backoffMs(30, DEFAULT_RETRY_POLICY)).toBe(5000);
  });
});
