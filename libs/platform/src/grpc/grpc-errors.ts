import { HttpException } from '@nestjs/common';
import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { DomainRejection, type RejectionKind } from '@mb/kernel';
import { type ProblemDetails, RequestRejection } from '../http/problem-details.filter';

/** Trailing metadata keys of a refused call: the stable code, and the fields at fault as JSON. */
export const ERROR_CODE_METADATA = 'mb-error-code';
export const FIELD_ERRORS_METADATA = 'mb-errors';

export type FieldError = NonNullable<ProblemDetails['errors']>[number];

/** How a call fails, before it is put on the wire: the same code and fields as the REST problem. */
export interface GrpcFailure {
  readonly status: GrpcStatus;
  /** The status message: the rejection's message, never an internal error's. */
  readonly details: string;
  /** The stable code (`contract.not_found`, `request.invalid`, `internal_error`). */
  readonly code: string;
  /** Each field at fault and the rule it broke, as in the problem's `errors`. */
  readonly errors?: FieldError[];
}

/**
 * A refusal's kind decides its status. A conflict is a state that forbids the request
 * (FAILED_PRECONDITION: the caller must change something first), except a lost optimistic race
 * (`*.concurrent_update`), which is ABORTED: the caller reloads and retries, as gRPC's status guide
 * says of read-modify-write conflicts.
 */
const STATUS_OF_REJECTION: Readonly<Record<RejectionKind, GrpcStatus>> = {
  invalid: GrpcStatus.INVALID_ARGUMENT,
  not_found: GrpcStatus.NOT_FOUND,
  conflict: GrpcStatus.FAILED_PRECONDITION,
};

/** The REST statuses the API layer refuses with, as gRPC statuses; any other is INTERNAL. */
const STATUS_OF_HTTP: Readonly<Record<number, GrpcStatus>> = {
  400: GrpcStatus.INVALID_ARGUMENT,
  401: GrpcStatus.UNAUTHENTICATED,
  403: GrpcStatus.PERMISSION_DENIED,
  404: GrpcStatus.NOT_FOUND,
  409: GrpcStatus.FAILED_PRECONDITION,
  422: GrpcStatus.INVALID_ARGUMENT,
  429: GrpcStatus.RESOURCE_EXHAUSTED,
  503: GrpcStatus.UNAVAILABLE,
};

export const INTERNAL_ERROR_DETAILS = 'The request could not be completed; it has been logged.';

/** A refusal stored under an idempotency key and answered again, as it first was. */
export class ReplayedGrpcFailure extends Error {
  constructor(readonly failure: GrpcFailure) {
    super(failure.details);
    this.name = 'ReplayedGrpcFailure';
  }
}

/** The failure a thrown value makes of a call: pure, so the mapping is tested as a table. */
export function grpcFailureOf(exception: unknown): GrpcFailure {
  if (exception instanceof ReplayedGrpcFailure) return exception.failure;
  if (exception instanceof DomainRejection) {
    const status = exception.code.endsWith('.concurrent_update') ? GrpcStatus.ABORTED : STATUS_OF_REJECTION[exception.kind];
    return {
      status,
      details: exception.message,
      code: exception.code,
      ...(exception.field ? { errors: [{ field: exception.field, rule: exception.code, message: exception.message }] } : {}),
    };
  }
  if (exception instanceof HttpException) {
    const status = STATUS_OF_HTTP[exception.getStatus()];
    if (status !== undefined) {
      if (exception instanceof RequestRejection) {
        return { status, details: exception.message, code: exception.code, ...(exception.errors ? { errors: exception.errors } : {}) };
      }
      return { status, details: exception.message, code: `http.${exception.getStatus()}` };
    }
  }
  return { status: GrpcStatus.INTERNAL, details: INTERNAL_ERROR_DETAILS, code: 'internal_error' };
}

/**
 * The status object a gRPC server answers with: code, message and trailing metadata carrying
 * `mb-error-code` and, when fields are at fault, `mb-errors` (JSON `[{field, rule, message}]`,
 * non-ASCII escaped, since a metadata value that is not binary must be printable ASCII).
 */
export function grpcStatusOf(failure: GrpcFailure): { code: GrpcStatus; details: string; message: string; metadata: Metadata } {
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_METADATA, failure.code);
  if (failure.errors?.length) metadata.set(FIELD_ERRORS_METADATA, asciiJson(failure.errors));
  return { code: failure.status, details: failure.details, message: failure.details, metadata };
}

function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
