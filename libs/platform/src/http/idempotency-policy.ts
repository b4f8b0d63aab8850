import { SetMetadata } from '@nestjs/common';

/** What an operation declares about its Idempotency-Key, read by the IdempotencyInterceptor. */
export interface IdempotencyPolicy {
  /** The header must be sent: 400 `idempotency_key.missing` without it. */
  readonly required: boolean;
  /** Top-level response fields never stored, so never replayed (a secret shown once). */
  readonly neverStored: readonly string[];
}

export const IDEMPOTENCY_POLICY = 'mb:idempotency-policy';

/**
 * Declares an operation's idempotency rules: `@IdempotencyKeyPolicy({ required: true })` on a
 * payment, `@IdempotencyKeyPolicy({ neverStored: ['secret'] })` on what answers with a secret.
 */
export function IdempotencyKeyPolicy(policy: Partial<IdempotencyPolicy>): MethodDecorator {
  return SetMetadata(IDEMPOTENCY_POLICY, { required: policy.required ?? false, neverStored: policy.neverStored ?? [] } satisfies IdempotencyPolicy);
}

/** The answer as stored: the response without the fields the operation never stores. */
export function storableAnswer(body: unknown, neverStored: readonly string[]): unknown {
  if (neverStored.length === 0 || body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([field]) => !neverStored.includes(field)));
}
