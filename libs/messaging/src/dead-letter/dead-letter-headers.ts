/**
 * Headers a dead-lettered message carries on top of its original ones: where it came from, which
 * consumer group gave up on it, and why. The value and key are the original bytes, untouched.
 */
export const DEAD_LETTER_HEADERS = {
  error: 'dlt-error',
  /** The failure's stable code (a DomainRejection's, e.g. `invoice.not_found`); only when it has one. */
  errorCode: 'dlt-error-code',
  reason: 'dlt-reason',
  consumerGroup: 'dlt-consumer-group',
  sourceTopic: 'dlt-source-topic',
  sourcePartition: 'dlt-source-partition',
  sourceOffset: 'dlt-source-offset',
  failedAt: 'dlt-failed-at',
  attempts: 'dlt-attempts',
} as const;

/** Marks a message republished from a dead-letter topic. */
export const REPLAYED_FROM_HEADER = 'replayed-from';

export type DeadLetterReason = 'invalid_event' | 'unknown_event' | 'permanent' | 'retries_exhausted';

const MAX_ERROR_LENGTH = 2000;

export function deadLetterHeadersOf(details: {
  readonly error: string;
  readonly errorCode?: string;
  readonly reason: DeadLetterReason;
  readonly consumerGroup: string;
  readonly sourceTopic: string;
  readonly sourcePartition: number;
  readonly sourceOffset: string;
  readonly failedAt: Date;
  readonly attempts: number;
}): Record<string, string> {
  return {
    [DEAD_LETTER_HEADERS.error]: details.error.slice(0, MAX_ERROR_LENGTH),
    ...(details.errorCode === undefined ? {} : { [DEAD_LETTER_HEADERS.errorCode]: details.errorCode }),
    [DEAD_LETTER_HEADERS.reason]: details.reason,
    [DEAD_LETTER_HEADERS.consumerGroup]: details.consumerGroup,
    [DEAD_LETTER_HEADERS.sourceTopic]: details.sourceTopic,
    [DEAD_LETTER_HEADERS.sourcePartition]: String(details.sourcePartition),
    [DEAD_LETTER_HEADERS.sourceOffset]: details.sourceOffset,
    [DEAD_LETTER_HEADERS.failedAt]: details.failedAt.toISOString(),
    [DEAD_LETTER_HEADERS.attempts]: String(details.attempts),
  };
}

/** The original headers of a dead letter, ready to publish again. */
export function originalHeadersOf(headers: Record<string, string>): Record<string, string> {
  const deadLetterNames = new Set<string>(Object.values(DEAD_LETTER_HEADERS));
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !deadLetterNames.has(name) && name !== REPLAYED_FROM_HEADER));
}
