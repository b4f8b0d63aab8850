import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable, of, switchMap, throwError } from 'rxjs';
import type { TypeOrmUnitOfWork } from '@mb/messaging';
import { callerSubjectOf } from './caller';
import { canonicalJson } from './canonical-json';
import { IdempotencyKeys, IdempotencyScope, StoredAnswer } from './idempotency-keys';
import { IDEMPOTENCY_POLICY, IdempotencyPolicy, storableAnswer } from './idempotency-policy';
import { problemOf, RequestRejection } from './problem-details.filter';

/** The header as documented; Fastify hands headers over in lower case. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
/** Set on an answer replayed from an earlier request with the same key (as Stripe does). */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
const HEADER = IDEMPOTENCY_KEY_HEADER.toLowerCase();
const MAX_KEY_LENGTH = IDEMPOTENCY_KEY_MAX_LENGTH;
// Printable ASCII only: a key is an opaque token (a UUID, a ULID), never text to show.
const KEY_PATTERN = /^[\x21-\x7e]+$/;
// A request holding its key usually finishes within a second; a dead one frees it after the lease.
const IN_PROGRESS_RETRY_AFTER_SECONDS = 1;
const DEFAULT_POLICY: IdempotencyPolicy = { required: false, neverStored: [] };

/** What the request's transaction ended with: an answer to send, or a refusal to rethrow. */
export type IdempotentOutcome =
  | { readonly kind: 'answered'; readonly answer: StoredAnswer; readonly replayed: boolean }
  | { readonly kind: 'refused'; readonly error: unknown };
type Outcome = IdempotentOutcome;

/** One run of an operation under an Idempotency-Key, as REST and gRPC both describe it. */
export interface IdempotentRun {
  readonly scope: IdempotencyScope;
  /** Where the key was sent, for refusals: the `Idempotency-Key` header, the `idempotency-key` metadata entry. */
  readonly keyField: string;
  /** SHA-256 of the canonical request. */
  readonly fingerprint: string;
  readonly policy: IdempotencyPolicy;
  /** The first answer as stored, from what the operation returned. */
  answerOf(body: unknown): Omit<StoredAnswer, 'fingerprint'>;
  /**
   * The answer to store for a refusal, or null when the refusal is not stored and the key stays
   * free (a request refused before it ran, a 5xx): then the transaction rolls back and it is rethrown.
   */
  refusalOf(error: unknown): Omit<StoredAnswer, 'fingerprint'> | null;
  /** Called before the 409 when another request holds the key (REST sets Retry-After). */
  onInProgress?(): void;
}

/** The 400 of a missing key on an operation that requires one, naming where the key goes. */
export function idempotencyKeyMissing(field: string): RequestRejection {
  return new RequestRejection(400, 'idempotency_key.missing', `this operation requires an ${field} ${field === IDEMPOTENCY_KEY_HEADER ? 'header' : 'metadata entry'}`, [
    { field, rule: 'required', message: 'send a unique key (a UUID) and reuse it only to retry this request' },
  ]);
}

/** The 400 of a key that is not 1 to 255 printable ASCII characters; null for a good one. */
export function idempotencyKeyInvalid(field: string, key: unknown): RequestRejection | null {
  if (typeof key === 'string' && key.length > 0 && key.length <= MAX_KEY_LENGTH && KEY_PATTERN.test(key)) return null;
  return new RequestRejection(400, 'idempotency_key.invalid', `${field} must be 1 to ${MAX_KEY_LENGTH} printable ASCII characters`, [
    { field, rule: 'length', message: `1 to ${MAX_KEY_LENGTH} printable ASCII characters` },
  ]);
}

/**
 * Runs an operation once per key (see IdempotencyInterceptor): in one transaction the key is
 * held, an earlier answer replayed or the operation run behind a savepoint, and its first answer
 * stored. Shared by the REST interceptor and gRPC's (GrpcIdempotencyInterceptor).
 */
export function runIdempotently(unitOfWork: TypeOrmUnitOfWork, keys: IdempotencyKeys, run: IdempotentRun, handle: () => Promise<unknown>): Promise<IdempotentOutcome> {
  return unitOfWork.transaction(async (manager) => {
    if (!(await keys.hold(manager, run.scope))) {
      run.onInProgress?.();
      throw new RequestRejection(409, 'idempotency_key.in_progress', 'a request with this Idempotency-Key is still being processed; retry later');
    }
    const earlier = await keys.find(manager, run.scope);
    if (earlier) {
      if (earlier.fingerprint !== run.fingerprint) {
        throw new RequestRejection(422, 'idempotency_key.reused', 'this Idempotency-Key was used with a different request', [
          { field: run.keyField, rule: 'same_body', message: 'a key may be reused only with the same body' },
        ]);
      }
      return { kind: 'answered', answer: earlier, replayed: true };
    }
    // Behind a savepoint, so that a refused operation's writes are undone while its refusal
    // is still stored in this transaction.
    const outcome = await unitOfWork.withSavepoint(handle).then(
      (body): { answer: StoredAnswer; outcome: Outcome } => {
        const answer = { fingerprint: run.fingerprint, ...run.answerOf(body) };
        return { answer: { ...answer, body: storableAnswer(body, run.policy.neverStored) }, outcome: { kind: 'answered', answer, replayed: false } };
      },
      (error: unknown) => {
        const refusal = run.refusalOf(error);
        // Nothing ran (a refused request) or nothing is known to have happened (5xx): the
        // transaction rolls back and the key stays free for the retry.
        if (refusal === null) throw error;
        return { answer: { fingerprint: run.fingerprint, ...refusal }, outcome: { kind: 'refused', error } as Outcome };
      },
    );
    await keys.record(manager, run.scope, outcome.answer);
    return outcome.outcome;
  });
}

/**
 * `Idempotency-Key` on POST (issue 12 item 4). The key is held, the operation runs and its first
 * answer is stored in ONE transaction, the unit of work the use case joins: either the effect and
 * its stored answer both commit, or neither does, so a failure after the effect (even while
 * storing the answer) leaves the key free and the retry runs once.
 *
 * - Keys are scoped per caller (`callerSubjectOf`) and operation (method and path); kept
 *   `retentionHours` (24 h), then purged.
 * - A retry with the same canonical request (body and query parsed, keys in any order) gets the
 *   first answer again, whatever its status: 2xx, or the 4xx a use case refused it with. Another
 *   request under the same key: 422 `idempotency_key.reused`. While the first runs: 409
 *   `idempotency_key.in_progress` with Retry-After.
 * - Not stored, so the key stays free: refusals of the request itself before anything ran (a
 *   malformed body, `request.*`, a bad header), and 5xx (the transaction rolled back, nothing
 *   happened).
 * - Crash or hang: the lease (`IdempotencyKeys`) ends the transaction in PostgreSQL, so the key
 *   frees itself and the half-done effect never commits.
 * - An operation declares its policy with `@IdempotencyKeyPolicy`: required, fields never stored.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly unitOfWork: TypeOrmUnitOfWork,
    private readonly keys: IdempotencyKeys,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method !== 'POST') return next.handle();
    const policy: IdempotencyPolicy = Reflect.getMetadata(IDEMPOTENCY_POLICY, context.getHandler()) ?? DEFAULT_POLICY;
    const key = request.headers[HEADER];
    if (key === undefined) {
      if (!policy.required) return next.handle();
      throw idempotencyKeyMissing(IDEMPOTENCY_KEY_HEADER);
    }
    const invalid = idempotencyKeyInvalid(IDEMPOTENCY_KEY_HEADER, key);
    if (invalid !== null) throw invalid;
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const scope: IdempotencyScope = { caller: callerSubjectOf(request), method: request.method, path: request.url.split('?')[0], key: key as string };
    const fingerprint = fingerprintOf(request);
    const successStatus: number = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;

    const run: IdempotentRun = {
      scope,
      keyField: IDEMPOTENCY_KEY_HEADER,
      fingerprint,
      policy,
      answerOf: (body) => ({ statusCode: successStatus, contentType: 'application/json', body }),
      refusalOf: (error) => {
        const problem = problemOf(error, request.url);
        if (error instanceof RequestRejection || problem.status >= 500) return null;
        return { statusCode: problem.status, contentType: 'application/problem+json', body: problem };
      },
      onInProgress: () => void reply.header('retry-after', String(IN_PROGRESS_RETRY_AFTER_SECONDS)),
    };

    return from(runIdempotently(this.unitOfWork, this.keys, run, () => lastValueFrom(next.handle(), { defaultValue: undefined }))).pipe(
      switchMap((outcome) => {
        if (outcome.kind === 'refused') return throwError(() => outcome.error);
        void reply.status(outcome.answer.statusCode);
        if (outcome.replayed) {
          void reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
          if (outcome.answer.contentType !== 'application/json') void reply.header('content-type', outcome.answer.contentType);
        }
        return of(outcome.answer.body);
      }),
    );
  }
}

/** SHA-256 of the canonical request: parsed body and query, keys in any order. */
export function fingerprintOf(request: Pick<FastifyRequest, 'body' | 'query'>): string {
  return createHash('sha256')
    .update(canonicalJson({ body: request.body ?? null, query: request.query ?? {} }))
    .digest('hex');
}
