import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { ANONYMOUS_CALLER, callerSubjectOf } from './caller';
import { RequestRejection } from './problem-details.filter';

export interface RateLimitOptions {
  /** Requests a caller may make per window; 0 turns rate limiting off. */
  readonly max: number;
  readonly windowSeconds: number;
}

/** Paths the orchestrator and scrapers poll: never limited (they are not callers of the API). */
const UNLIMITED_PATHS = /^\/(health|metrics)(\/|$|\?)/;

/**
 * Which bucket a request counts against: its authenticated caller (`callerSubjectOf`), or, for an
 * anonymous request, its client address, so anonymous callers do not share (and exhaust) one bucket.
 */
export function rateLimitKeyOf(request: Pick<FastifyRequest, 'ip'>): string {
  const caller = callerSubjectOf(request);
  return caller === ANONYMOUS_CALLER ? `${ANONYMOUS_CALLER}@${request.ip}` : `caller:${caller}`;
}

/**
 * Rate limiting per caller with @fastify/rate-limit: past `max` requests in a window, 429
 * `rate_limited` (problem+json, through the service's exception filter) with `Retry-After` and the
 * `X-RateLimit-*` headers. It runs at Fastify's preHandler, before Nest's AccessGuard has verified
 * the token, so today every request counts against its client address (a caller known there would
 * count against its subject). In-memory, per instance: with N replicas a caller gets up to N × max
 * (docs/security.md).
 */
export async function registerRateLimit(app: NestFastifyApplication, options: RateLimitOptions): Promise<void> {
  if (options.max === 0) return;
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    max: options.max,
    timeWindow: options.windowSeconds * 1000,
    keyGenerator: rateLimitKeyOf,
    allowList: (request) => UNLIMITED_PATHS.test(request.url),
    errorResponseBuilder: (_request, context) =>
      new RequestRejection(429, 'rate_limited', `Too many requests: at most ${context.max} per ${options.windowSeconds} s for one caller; retry in ${context.after}.`),
  });
}
