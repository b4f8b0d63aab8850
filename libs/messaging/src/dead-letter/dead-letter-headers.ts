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

/**
 * A replayed (or discarded) dead letter also names the consumer group that gave up on it, the
 * message it was (`topic/partition/offset` of the failed delivery) and what to do: `replay`
 * (apply it) or `discard` (apply nothing). When that group's key is held back by exactly that
 * dead letter, the group acts and then releases the events parked behind it.
 */
export const RELEASE_HEADERS = {
  consumerGroup: 'release-consumer-group',
  deadLetterSource: 'release-dead-letter-source',
  action: 'release-action',
} as const;

export type ReleaseAction = 'replay' | 'discard';

export interface ReleaseRequest {
  readonly consumerGroup: string;
  /** `topic/partition/offset` of the delivery that was dead-lettered. */
  readonly deadLetterSource: string;
  readonly action: ReleaseAction;
}

export function releaseHeadersOf(request: ReleaseRequest): Record<string, string> {
  return {
    [RELEASE_HEADERS.consumerGroup]: request.consumerGroup,
    [RELEASE_HEADERS.deadLetterSource]: request.deadLetterSource,
    [RELEASE_HEADERS.action]: request.action,
  };
}

/** The release a message asks for, if any; a malformed one counts as none. */
export function releaseRequestOf(headers: Readonly<Record<string, string>>): ReleaseRequest | undefined {
  const consumerGroup = headers[RELEASE_HEADERS.consumerGroup];
  const deadLetterSource = headers[RELEASE_HEADERS.deadLetterSource];
  const action = headers[RELEASE_HEADERS.action];
  if (!consumerGroup || !deadLetterSource || (action !== 'replay' && action !== 'discard')) return undefined;
  return { consumerGroup, deadLetterSource, action };
}

/** `topic/partition/offset`: how a delivery is named in a release and in a key's block. */
export function deliverySourceOf(topic: string, partition: number, offset: string): string {
  return `${topic}/${partition}/${offset}`;
}

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
  const deadLetterNames = new Set<string>([...Object.values(DEAD_LETTER_HEADERS), ...Object.values(RELEASE_HEADERS)]);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !deadLetterNames.has(name) && name !== REPLAYED_FROM_HEADER));
}
