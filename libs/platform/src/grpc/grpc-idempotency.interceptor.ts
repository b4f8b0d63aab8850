import { createHash } from 'node:crypto';
import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { from, lastValueFrom, Observable, of, switchMap, throwError } from 'rxjs';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { callerSubjectOf } from '../http/caller';
import { canonicalJson } from '../http/canonical-json';
import { idempotencyKeyInvalid, idempotencyKeyMissing, type IdempotentRun, runIdempotently } from '../http/idempotency';
import { IdempotencyKeys } from '../http/idempotency-keys';
import { IDEMPOTENCY_POLICY, type IdempotencyPolicy } from '../http/idempotency-policy';
import { RequestRejection } from '../http/problem-details.filter';
import { type GrpcFailure, grpcFailureOf, ReplayedGrpcFailure } from './grpc-errors';

/** The metadata entry carrying the key, as REST's `Idempotency-Key` header (gRPC metadata keys are lower case). */
export const IDEMPOTENCY_KEY_METADATA = 'idempotency-key';
/** Set in the response metadata of an answer replayed from an earlier call with the same key. */
export const IDEMPOTENT_REPLAYED_METADATA = 'idempotent-replayed';

/** Reads (Get…, List…) change nothing, and take no key, as REST's GETs. */
const READ_ONLY_GRPC = /^(Get|List)[A-Z]/;
const DEFAULT_POLICY: IdempotencyPolicy = { required: false, neverStored: [] };
/** The content type a gRPC refusal is stored with: its status, code, message and fields, replayed as they were. */
const GRPC_FAILURE_CONTENT_TYPE = 'application/vnd.mb.grpc-failure+json';

/**
 * `idempotency-key` metadata on gRPC commands (issue 12): the same store and semantics as REST's
 * `Idempotency-Key` (runIdempotently): held, run and its first answer stored in one transaction;
 * scoped per caller and method (`gRPC` and the full method path, so a REST key and a gRPC key
 * never meet); a retry with the same request gets the first answer (a refusal as the same status
 * and code); another request under the key is INVALID_ARGUMENT `idempotency_key.reused`; while
 * the first runs, FAILED_PRECONDITION `idempotency_key.in_progress`. A method's policy is its REST
 * operation's (@AccessPolicyFrom copies it): required on RecordPayment (INVALID_ARGUMENT
 * `idempotency_key.missing` without one), fields never stored left out of replays.
 */
@Injectable()
export class GrpcIdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly unitOfWork: TypeOrmUnitOfWork,
    @Inject(IdempotencyKeys) private readonly keys: IdempotencyKeys,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const [pattern] = (Reflect.getMetadata(PATTERN_METADATA, context.getHandler()) ?? []) as { service?: string; rpc?: string }[];
    if (!pattern?.rpc || READ_ONLY_GRPC.test(pattern.rpc)) return next.handle();
    const policy: IdempotencyPolicy = Reflect.getMetadata(IDEMPOTENCY_POLICY, context.getHandler()) ?? DEFAULT_POLICY;
    const metadata = context.switchToRpc().getContext<Metadata>();
    const [key] = metadata.get(IDEMPOTENCY_KEY_METADATA).map(String);
    if (key === undefined) {
      if (!policy.required) return next.handle();
      throw idempotencyKeyMissing(IDEMPOTENCY_KEY_METADATA);
    }
    const invalid = idempotencyKeyInvalid(IDEMPOTENCY_KEY_METADATA, key);
    if (invalid !== null) throw invalid;
    const call = context.getArgByIndex<{ getPath?: () => string; sendMetadata?: (metadata: Metadata) => void } | undefined>(2);
    const path = call?.getPath?.() ?? `/${pattern.service}/${pattern.rpc}`;

    const run: IdempotentRun = {
      scope: { caller: callerSubjectOf(metadata), method: 'gRPC', path, key },
      keyField: IDEMPOTENCY_KEY_METADATA,
      fingerprint: createHash('sha256').update(canonicalJson({ request: context.switchToRpc().getData<unknown>() ?? null })).digest('hex'),
      policy,
      answerOf: (body) => ({ statusCode: 200, contentType: 'application/json', body }),
      refusalOf: (error) => {
        const failure = grpcFailureOf(error);
        // As over REST: a request refused before it ran, or an internal failure, stores nothing.
        if (error instanceof RequestRejection || failure.status === GrpcStatus.INTERNAL || failure.status === GrpcStatus.UNAVAILABLE) return null;
        return { statusCode: failure.status, contentType: GRPC_FAILURE_CONTENT_TYPE, body: failure };
      },
    };
    return from(runIdempotently(this.unitOfWork, this.keys, run, () => lastValueFrom(next.handle(), { defaultValue: undefined }))).pipe(
      switchMap((outcome) => {
        if (outcome.kind === 'refused') return throwError(() => outcome.error);
        if (outcome.replayed) markReplayed(call);
        if (outcome.replayed && outcome.answer.contentType === GRPC_FAILURE_CONTENT_TYPE) {
          return throwError(() => new ReplayedGrpcFailure(outcome.answer.body as GrpcFailure));
        }
        return of(outcome.answer.body);
      }),
    );
  }
}

function markReplayed(call: { sendMetadata?: (metadata: Metadata) => void } | undefined): void {
  if (typeof call?.sendMetadata !== 'function') return;
  const headers = new Metadata();
  headers.set(IDEMPOTENT_REPLAYED_METADATA, 'true');
  call.sendMetadata(headers);
}
