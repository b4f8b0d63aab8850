import { ConcurrentUpdate, DomainRejection } from '@mb/kernel';

/**
 * What to do when handling an event fails. Pure: the consumer runner asks, and acts.
 *
 * - permanent: the event will never pass (invalid, unknown version, a rule that refuses it, i.e. a
 *   DomainRejection such as an unknown invoice or an illegal transition): dead-letter it at once
 *   and move on, so its partition is not blocked.
 * - infrastructure: the database or broker is unreachable, read-only (a failover), overloaded or
 *   refusing this attempt for a reason of its own (serialization failure, deadlock, lock or
 *   statement timeout); the event itself is not at fault and passes once the condition ends, so
 *   retry the same event without limit (capped backoff), holding its partition, rather than
 *   dead-lettering it and letting later events of its key overtake it.
 * - transient: anything else (a ConcurrentUpdate among them, errors of unknown kind); retry a
 *   bounded number of times, then dead-letter.
 */
export type FailureKind = 'permanent' | 'infrastructure' | 'transient';

/** Thrown by a handler for an event that can never be applied. */
export class PermanentEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 200, maxBackoffMs: 5000 };

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
// SQLSTATE: 08 connection exceptions; 25006 read-only transaction (a primary demoted by a failover,
// or default_transaction_read_only set); 40001 serialization failure and 40P01 deadlock (the
// database asks for the transaction to be retried); 55P03 lock not available and 57014 query
// canceled (lock_timeout, statement_timeout); 53300 too many connections; 57P01-57P03 server
// shutting down or starting up.
const INFRASTRUCTURE_SQLSTATE = /^(08...|25006|40001|40P01|55P03|57014|53300|57P0[123])$/;
// SQLSTATE class 22: data exceptions (a value the column refuses) never pass on retry.
const DATA_EXCEPTION_SQLSTATE = /^22...$/;

export function classifyFailure(error: unknown): FailureKind {
  if (!(error instanceof Error)) return 'transient';
  if (error instanceof PermanentEventError || error.name === 'PermanentEventError' || error.name === 'InvalidEventError') {
    return 'permanent';
  }
  // A lost optimistic-version race passes on a retry that reloads the aggregate.
  if (error instanceof ConcurrentUpdate || error.name === 'ConcurrentUpdate') return 'transient';
  // A business refusal refuses the same event on every retry. Its `code` is a stable name, never
  // an SQLSTATE, so it is decided before the codes below are read.
  if (error instanceof DomainRejection || error.name === 'DomainRejection') return 'permanent';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (CONNECTION_ERROR_CODES.has(code) || INFRASTRUCTURE_SQLSTATE.test(code)) return 'infrastructure';
    if (DATA_EXCEPTION_SQLSTATE.test(code)) return 'permanent';
  }
  // node-postgres and its pool say so in words only: a dropped socket, a pool that cannot connect.
  if (/Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(error.message)) {
    return 'infrastructure';
  }
  if ((error as { retriable?: unknown }).retriable === true && error.name.startsWith('KafkaJS')) return 'infrastructure';
  return 'transient';
}

/**
 * The stable code of a failure that has one: a DomainRejection's (`invoice.not_found`). It goes
 * into the dead letter's `dlt-error-code` header, to be counted and filtered without parsing text.
 */
export function failureCodeOf(error: unknown): string | undefined {
  const named = error instanceof Error && (error.name === 'DomainRejection' || error.name === 'ConcurrentUpdate');
  if (!(error instanceof DomainRejection || named)) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

/** Exponential backoff from the first retry: initial, 2×, 4× … capped. */
export function backoffMs(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.initialBackoffMs * 2 ** Math.max(0, attempt - 1), policy.maxBackoffMs);
}

export type NextStep = { action: 'retry'; afterMs: number } | { action: 'dead_letter'; reason: 'permanent' | 'retries_exhausted' };

/** After `attempt` failed attempts at one event (1 = the first try failed). */
export function nextStepAfterFailure(kind: FailureKind, attempt: number, policy: RetryPolicy): NextStep {
  if (kind === 'permanent') return { action: 'dead_letter', reason: 'permanent' };
  if (kind === 'infrastructure') return { action: 'retry', afterMs: backoffMs(attempt, policy) };
  if (attempt >= policy.maxAttempts) return { action: 'dead_letter', reason: 'retries_exhausted' };
  return { action: 'retry', afterMs: backoffMs(attempt, policy) };
}
