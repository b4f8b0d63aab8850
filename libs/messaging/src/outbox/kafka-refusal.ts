/**
 * Kafka's answers that no retry changes: the rows they concern are quarantined rather than retried
 * (retrying would jam the whole outbox behind them). Everything else — a broker down, a leader
 * election, a timeout — is retried as it is.
 */
const REFUSALS_OF_THE_RECORD = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE']);
/** Refusals that concern the topic, so every row of it alike. */
const REFUSALS_OF_THE_TOPIC = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'INVALID_TOPIC_EXCEPTION', 'TOPIC_AUTHORIZATION_FAILED']);

export interface KafkaRefusal {
  /** Kafka's error code name, e.g. MESSAGE_TOO_LARGE. */
  readonly type: string;
  /** The topic as a whole is refused (unknown, invalid, not authorised), not one record. */
  readonly wholeTopic: boolean;
  /** What the operator reads in quarantine_error. */
  readonly description: string;
}

/**
 * The permanent refusal an error from kafkajs carries, looking through its wrappers (kafkajs wraps
 * the broker's error in KafkaJSNumberOfRetriesExceeded once its own retries, metadata refreshes
 * included, are spent); undefined for anything worth retrying.
 */
export function kafkaRefusalOf(error: unknown): KafkaRefusal | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const candidate = queue.shift();
    if (typeof candidate !== 'object' || candidate === null || seen.has(candidate)) continue;
    seen.add(candidate);
    const { type, message, cause, originalError, errors } = candidate as { type?: unknown; message?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
    if (typeof type === 'string' && (REFUSALS_OF_THE_RECORD.has(type) || REFUSALS_OF_THE_TOPIC.has(type))) {
      return { type, wholeTopic: REFUSALS_OF_THE_TOPIC.has(type), description: `${type}: ${typeof message === 'string' ? message : ''}`.slice(0, 1000) };
    }
    queue.push(cause, originalError, ...(Array.isArray(errors) ? errors : []));
  }
  return undefined;
}
