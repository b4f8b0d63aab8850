import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AuthenticationRequired } from './auth-errors';
import type { Caller } from './caller';
import { isRole } from './roles';
import { RequestRejection } from '../http/problem-details.filter';

/**
 * API keys for system-to-system calls (issue 12 item 1): `mbk_<ULID>_<secret>`, where
 * `mbk_<ULID>` is the key's id (public: listed, audited, shown in logs) and the secret is 32 random
 * bytes in base64url. The prefix lets a guard, a log scrubber or a secret scanner tell a key from a
 * JWT at a glance; the id lets the key be found without comparing secrets.
 */
export const API_KEY_PREFIX = 'mbk';

const PRESENTED_KEY = /^(mbk_[0-9A-HJKMNP-TV-Z]{26})_([A-Za-z0-9_-]{43})$/;

/** A key as a caller presents it, split into its id and its secret. */
export interface PresentedApiKey {
  readonly id: string;
  readonly secret: string;
}

/** Whether a bearer credential is meant as an API key (rather than a JWT, which never starts so). */
export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith(`${API_KEY_PREFIX}_`);
}

/** The id and secret of a well-formed key; null for anything else. */
export function parseApiKey(credential: string): PresentedApiKey | null {
  const match = PRESENTED_KEY.exec(credential);
  return match ? { id: match[1], secret: match[2] } : null;
}

/** A new secret: 256 bits from the operating system's CSPRNG. */
export function newApiKeySecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The text handed to the caller once: `mbk_<ULID>_<secret>`. */
export function apiKeyText(id: string, secret: string): string {
  return `${id}_${secret}`;
}

/**
 * SHA-256 of the secret, hex. A fast hash is enough: the secret is 256 random bits, so there is no
 * dictionary to try and no brute force within reach (see docs/decisions.md, "API keys").
 */
export function apiKeySecretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether a presented secret is the one whose hash was stored, in constant time. */
export function apiKeySecretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(apiKeySecretHash(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** The refusal of any key we do not accept: unknown, revoked, malformed or with a wrong secret alike. */
export function apiKeyRefused(): AuthenticationRequired {
  return new AuthenticationRequired('auth.token_invalid', 'the API key is not valid (unknown, revoked or malformed)');
}

/** 503: contract-service, which knows the keys, could not be asked; nothing is decided on a guess. */
export class ApiKeyServiceUnavailable extends RequestRejection {
  constructor() {
    super(503, 'auth.api_key_service_unavailable', 'API keys cannot be checked right now; try again shortly');
  }
}

/**
 * Who a presented API key is, as the `Caller` a token would give; throws AuthenticationRequired
 * (401) for a key it does not accept. contract-service checks its own table; the other services ask
 * contract-service (IntrospectingApiKeyAuthenticator).
 */
export abstract class ApiKeyAuthenticator {
  abstract authenticate(credential: string): Promise<Caller>;
}

/** A service told nowhere to check keys (no API_KEY_SERVICE_URL): every key is refused. */
export class NoApiKeyAuthenticator extends ApiKeyAuthenticator {
  authenticate(): Promise<Caller> {
    return Promise.reject(new AuthenticationRequired('auth.token_invalid', 'this service does not accept API keys; use an access token'));
  }
}

/** What contract-service answers at `GET /v1/api-keys/current` (the fields the guard needs). */
export interface ApiKeyIntrospection {
  readonly id: string;
  readonly role: string;
  readonly client_id: string | null;
  /** When the key stops being accepted (a portal session); null or absent: until revoked. */
  readonly expires_at?: string | null;
}

/** The introspection path on contract-service, authenticated by the key it describes. */
export const API_KEY_INTROSPECTION_PATH = '/v1/api-keys/current';

/** The Caller an API key stands for: its id as subject, its one role, its client for the client role. */
export function callerOfApiKey(key: ApiKeyIntrospection): Caller {
  if (!isRole(key.role)) throw apiKeyRefused();
  if (key.role === 'client' && (typeof key.client_id !== 'string' || key.client_id === '')) throw apiKeyRefused();
  return { subject: key.id, roles: [key.role], clientId: key.role === 'client' ? key.client_id : null, apiKeyId: key.id };
}

export interface IntrospectionOptions {
  /** contract-service's base URL, e.g. http://contract-service:3001. */
  readonly serviceUrl: URL;
  /** How long an answer (accepted or refused) is reused: a revocation reaches this service within it; an accepted key is never reused past its expiry. */
  readonly cacheSeconds: number;
  readonly timeoutMs?: number;
  /** The number of keys remembered at most; the oldest answers are forgotten first. */
  readonly maxEntries?: number;
  readonly now?: () => number;
  readonly fetch?: typeof fetch;
}

interface CachedAnswer {
  /** Shortened to the key's expiry once contract-service has said when that is. */
  until: number;
  readonly caller: Promise<Caller>;
}

/** What contract-service said of a key: who it is, and until when (epoch ms; null: until revoked). */
interface Introspected {
  readonly caller: Caller;
  readonly expiresAt: number | null;
}

/**
 * Checks a key by asking contract-service who it is (`GET /v1/api-keys/current`, authenticated
 * by the key itself, so this service holds no credential of its own for it), and remembers the
 * answer for `cacheSeconds`. Answers are remembered by the SHA-256 of the whole key, so the cache
 * holds no usable secret. Concurrent requests with one key share one introspection call. A
 * contract-service that cannot be reached is a 503, never remembered. An accepted key that
 * expires (a client portal session) is remembered until its expiry at the latest, so an expired
 * session is refused here the moment contract-service refuses it, not up to `cacheSeconds` later.
 */
export class IntrospectingApiKeyAuthenticator extends ApiKeyAuthenticator {
  private readonly answers = new Map<string, CachedAnswer>();
  private readonly now: () => number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: IntrospectionOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? fetch;
  }

  authenticate(credential: string): Promise<Caller> {
    if (parseApiKey(credential) === null) return Promise.reject(apiKeyRefused());
    const cacheKey = createHash('sha256').update(credential).digest('hex');
    const now = this.now();
    const cached = this.answers.get(cacheKey);
    if (cached !== undefined && cached.until > now) return cached.caller;
    this.answers.delete(cacheKey);
    const introspected = this.introspect(credential);
    const caller = introspected.then((answer) => answer.caller);
    if (this.options.cacheSeconds > 0) {
      const answer: CachedAnswer = { until: now + this.options.cacheSeconds * 1000, caller };
      this.remember(cacheKey, answer);
      introspected.then(
        ({ expiresAt }) => {
          if (expiresAt !== null) answer.until = Math.min(answer.until, expiresAt);
        },
        // An unreachable contract-service is no verdict on the key: ask again next time.
        (error: unknown) => {
          if (!(error instanceof AuthenticationRequired)) this.answers.delete(cacheKey);
        },
      );
    }
    return caller;
  }

  private remember(cacheKey: string, answer: CachedAnswer): void {
    const maxEntries = this.options.maxEntries ?? 10_000;
    while (this.answers.size >= maxEntries) {
      const oldest = this.answers.keys().next().value as string;
      this.answers.delete(oldest);
    }
    this.answers.set(cacheKey, answer);
  }

  private async introspect(credential: string): Promise<Introspected> {
    let response: Response;
    try {
      response = await this.fetch(introspectionUrlOf(this.options.serviceUrl), {
        headers: { authorization: `Bearer ${credential}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
        redirect: 'error',
      });
    } catch {
      throw new ApiKeyServiceUnavailable();
    }
    if (response.status === 401) {
      await response.body?.cancel();
      throw apiKeyRefused();
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new ApiKeyServiceUnavailable();
    }
    const key = (await response.json()) as ApiKeyIntrospection;
    return { caller: callerOfApiKey(key), expiresAt: expiryOf(key) };
  }
}

/** The instant a key stops being accepted, in epoch ms; null when it has none. One that cannot be read is taken as already past: the answer is not reused. */
function expiryOf(key: ApiKeyIntrospection): number | null {
  if (key.expires_at === undefined || key.expires_at === null) return null;
  const instant = Date.parse(key.expires_at);
  return Number.isNaN(instant) ? 0 : instant;
}

/** The introspection URL under contract-service's base URL, keeping a path prefix it has (behind a gateway). */
export function introspectionUrlOf(serviceUrl: URL): URL {
  const base = serviceUrl.href.endsWith('/') ? serviceUrl.href : `${serviceUrl.href}/`;
  return new URL(API_KEY_INTROSPECTION_PATH.slice(1), base);
}
