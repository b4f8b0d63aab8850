import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';
import { AuthenticationRequired, IssuerUnavailable } from './auth-errors';
import type { AuthSettings } from './auth-config';
import { type Caller, SUBJECT_MAX_LENGTH } from './caller';
import { isRole, type Role } from './roles';

/** The claim naming the one client a `client`-role token is confined to. */
export const CLIENT_ID_CLAIM = 'billing_client_id';
/** The claim listing the token's roles (RFC 9068 §2.2.3.1 borrows `roles` from SCIM). */
export const ROLES_CLAIM = 'roles';

/**
 * Asymmetric signatures only: a shared-secret (HS*) or unsigned token would let anyone holding
 * the verifier's configuration mint tokens. These are what identity providers sign with.
 */
const ACCEPTED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];

type KeySet = Parameters<typeof jwtVerify>[1];

/**
 * Checks OAuth 2.0 access tokens (JWT, RFC 9068) with jose against the issuer's JWKS: signature,
 * issuer, audience, expiry (and not-before), within the configured clock skew; then reads who is
 * calling. Framework-free, so the HTTP and gRPC guards and the tests share it.
 */
export class AccessTokenVerifier {
  private constructor(
    private readonly keys: KeySet,
    private readonly settings: AuthSettings,
  ) {}

  static fromSettings(settings: AuthSettings): AccessTokenVerifier {
    const location = settings.AUTH_JWKS_URL;
    const keys =
      location.kind === 'remote'
        ? // jose caches the keys, refetches on an unknown `kid` (key rotation) at most every 30 s, and times out after 5 s.
          createRemoteJWKSet(location.url, { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 })
        : createLocalJWKSet(JSON.parse(readFileSync(location.path, 'utf8')) as JSONWebKeySet);
    return new AccessTokenVerifier(keys, settings);
  }

  /** The caller an `Authorization` value names; throws AuthenticationRequired (401) when it names none we trust. */
  async verify(authorization: string | undefined): Promise<Caller> {
    if (authorization === undefined || authorization === '') {
      throw new AuthenticationRequired('auth.token_missing', 'an access token is required: Authorization: Bearer <token>');
    }
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(authorization.trim());
    if (!match) throw new AuthenticationRequired('auth.token_invalid', 'the Authorization header must be "Bearer <token>"');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], this.keys, {
        issuer: this.settings.AUTH_ISSUER,
        audience: this.settings.AUTH_AUDIENCE,
        clockTolerance: this.settings.AUTH_CLOCK_SKEW_SECONDS,
        algorithms: ACCEPTED_ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw refusalOf(error);
    }
    return callerOf(payload);
  }
}

/** Why a token was refused, in words a caller can act on and that reveal nothing of our keys. */
function refusalOf(error: unknown): Error {
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) return new IssuerUnavailable();
  if (error instanceof errors.JWTExpired) return new AuthenticationRequired('auth.token_invalid', 'the access token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) return new AuthenticationRequired('auth.token_invalid', `the access token's "${error.claim}" claim is not accepted`);
  return new AuthenticationRequired('auth.token_invalid', 'the access token is not valid (signature, key or format)');
}

/** Who a verified token names; a token that mixes the client role with others, or names no client, is refused. */
export function callerOf(payload: JWTPayload): Caller {
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > SUBJECT_MAX_LENGTH) {
    throw new AuthenticationRequired('auth.token_invalid', `the access token's "sub" claim must be 1 to ${SUBJECT_MAX_LENGTH} characters`);
  }
  const claimed = payload[ROLES_CLAIM];
  if (claimed !== undefined && !(Array.isArray(claimed) && claimed.every((role) => typeof role === 'string'))) {
    throw new AuthenticationRequired('auth.token_invalid', `the access token's "${ROLES_CLAIM}" claim must be a list of role names`);
  }
  // Roles this system does not know (an identity provider's own) grant nothing here.
  const roles: Role[] = [...new Set((claimed ?? []) as string[])].filter(isRole);
  const clientId = payload[CLIENT_ID_CLAIM];
  if (roles.includes('client')) {
    if (roles.length > 1) throw new AuthenticationRequired('auth.token_invalid', 'a client token carries the client role only');
    if (typeof clientId !== 'string' || !/^cli_[0-9A-Za-z]+$/.test(clientId)) {
      throw new AuthenticationRequired('auth.token_invalid', `a client token must name its client in "${CLIENT_ID_CLAIM}" (cli_…)`);
    }
    return { subject: payload.sub as string, roles, clientId };
  }
  return { subject: payload.sub as string, roles, clientId: null };
}
