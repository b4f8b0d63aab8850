import rateLimit from '@fastify/rate-limit';
import { type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { rememberedCaller } from '../auth/access-policy';
import { ANONYMOUS_CALLER, callerSubjectOf } from './caller';
import { RequestRejection } from './problem-details.filter';

export interface RateLimitOptions {
  /** Requests an authenticated caller may make per window; 0 turns the per-caller limit off. */
  readonly max: number;
  /** Requests one client address may make per window, before any token is checked; 0 turns it off. */
  readonly addressMax: number;
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

/** 429 `rate_limited` with `Retry-After` and the `X-RateLimit-*` headers: a caller past its limit. */
export class RateLimited extends RequestRejection {
  override readonly responseHeaders: Record<string, string>;

  constructor(max: number, windowSeconds: number, retryAfterSeconds: number) {
    super(429, 'rate_limited', `Too many requests: at most ${max} per ${windowSeconds} s for one caller; retry in ${retryAfterSeconds} s.`);
    this.responseHeaders = { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-limit': String(max), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(retryAfterSeconds) };
  }
}

/** @fastify/rate-limit's verdict: `isAllowed` means exempt (allow-listed); otherwise counted, and refused once `isExceeded`. */
type CallerLimiter = (request: FastifyRequest) => Promise<{ isAllowed: true } | { isAllowed: false; isExceeded: boolean; ttlInSeconds: number }>;

/**
 * Rate limiting in two steps, with @fastify/rate-limit (in-memory, per instance: with N replicas
 * a caller gets up to N × the limit; docs/security.md):
 *
 * 1. per client address, at Fastify's `onRequest`, before the body is read and before any token
 *    or API key is checked: a flood of unauthenticated requests is refused without costing a
 *    signature check or an API-key introspection (`addressMax`);
 * 2. per authenticated caller (its subject: a token's `sub`, an API key's id), right after
 *    AccessGuard, by CallerRateLimitGuard (`max`), however many addresses it calls from.
 *
 * Both answer 429 `rate_limited` (problem+json) with `Retry-After`. Health and metrics are exempt.
 * Returns the per-caller limiter for CallerRateLimitGuard, or null when that limit is off.
 */
export async function registerRateLimit(app: NestFastifyApplication, options: RateLimitOptions): Promise<CallerLimiter | null> {
  if (options.max === 0 && options.addressMax === 0) return null;
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(rateLimit, {
    global: options.addressMax > 0,
    hook: 'onRequest',
    max: options.addressMax > 0 ? options.addressMax : 1,
    timeWindow: options.windowSeconds * 1000,
    keyGenerator: (request) => `address:${request.ip}`,
    allowList: (request) => UNLIMITED_PATHS.test(request.url),
    errorResponseBuilder: (_request, context) =>
      new RequestRejection(429, 'rate_limited', `Too many requests: at most ${context.max} per ${options.windowSeconds} s from one address; retry in ${context.after}.`),
  });
  if (options.max === 0) return null;
  return fastify.createRateLimit({ max: options.max, timeWindow: options.windowSeconds * 1000, keyGenerator: (request) => rateLimitKeyOf(request) }) as CallerLimiter;
}

/**
 * The per-caller limit, a global guard after AccessGuard (which has verified who calls). Public
 * routes (health, metrics) have no caller and are not counted; gRPC calls are not limited.
 */
export class CallerRateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: CallerLimiter | null,
    private readonly options: Pick<RateLimitOptions, 'max' | 'windowSeconds'>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.limiter === null || context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (rememberedCaller(request) === undefined) return true;
    const verdict = await this.limiter(request);
    if (verdict.isAllowed || !verdict.isExceeded) return true;
    throw new RateLimited(this.options.max, this.options.windowSeconds, Math.max(1, verdict.ttlInSeconds));
  }
}
