import { DEAD_LETTER_HEADERS, deadLetterHeadersOf, originalHeadersOf, releaseHeadersOf } from './dead-letter-headers';

describe('dead-letter headers', () => {
  const details = {
    error: 'DomainRejection: invoice.not_found: invoice inv_1 does not exist',
    reason: 'permanent',
    consumerGroup: 'milestone-service',
    sourceTopic: 'invoice.paid',
    sourcePartition: 2,
    sourceOffset: '41',
    failedAt: new Date('2025-11-24T10:00:00.000Z'),
    attempts: 1,
  } as const;

  it('carries the stable code of a failure that has one', () => {
    // given a failure with a code
    // when its dead-letter headers are built
    const headers = deadLetterHeadersOf({ ...details, errorCode: 'invoice.not_found' });
    // then dlt-error-code holds the code, beside the text and the reason
    expect(headers).toMatchObject({ 'dlt-error-code': 'invoice.not_found', 'dlt-error': details.error, 'dlt-reason': 'permanent', 'dlt-attempts': '1' });
  });

  it('has no code header for a failure without a code', () => {
    expect(deadLetterHeadersOf({ ...details, error: 'Error: still broken', reason: 'retries_exhausted' })).not.toHaveProperty(DEAD_LETTER_HEADERS.errorCode);
  });

  it('leaves the code out of the original headers a replay republishes', () => {
    // given a dead letter's headers: the original ones plus the dead-letter ones, the code included
    const original = { 'event-type': 'invoice.paid', 'event-version': '1' };
    const headers = { ...original, ...deadLetterHeadersOf({ ...details, errorCode: 'invoice.not_found' }) };
    // when the original headers are taken back
    // then none of the dead-letter headers remain
    expect(originalHeadersOf(headers)).toEqual(original);
  });

  it('leaves the release headers of an earlier replay out of the original headers', () => {
    // given a replayed message that failed again: its headers carry the release of the first replay
    const original = { 'event-type': 'invoice.paid', 'event-version': '1' };
    const headers = { ...original, ...releaseHeadersOf({ consumerGroup: 'g', deadLetterSource: 'invoice.paid/0/3', action: 'replay' }) };
    // when its original headers are taken back (for its new dead letter, or a new replay)
    // then the old release is gone: only the new replay's release may name the dead letter
    expect(originalHeadersOf(headers)).toEqual(original);
  });
});
