import type { FastifyRequest } from 'fastify';

/** Who a request comes from when no principal is attached to it. */
export const ANONYMOUS_CALLER = 'anonymous';

/**
 * What authentication attaches to a request it verified (issue 12 item 1, built in parallel):
 * `request.principal.subject` is the token's or API key's subject. Everything that needs "the
 * caller" (idempotency keys, rate limits) reads it through `callerOf`, so the day the principal
 * changes shape only this file follows.
 */
export interface RequestPrincipal {
  readonly subject: string;
}

/** The authenticated subject of the request, or `anonymous` when no principal is attached. */
export function callerOf(request: Pick<FastifyRequest, never>): string {
  const principal = (request as { principal?: Partial<RequestPrincipal> }).principal;
  return typeof principal?.subject === 'string' && principal.subject.length > 0 ? principal.subject : ANONYMOUS_CALLER;
}
