import { rememberedCaller } from '../auth/access-policy';

/** Who a request comes from when no verified caller is attached to it. */
export const ANONYMOUS_CALLER = 'anonymous';

/**
 * The verified caller's subject (the access token's `sub`), as AccessGuard remembered it for this
 * request, or `anonymous`. Everything that needs "the caller" by name (idempotency keys, rate
 * limits) reads it here.
 */
export function callerSubjectOf(request: object): string {
  return rememberedCaller(request)?.subject ?? ANONYMOUS_CALLER;
}
