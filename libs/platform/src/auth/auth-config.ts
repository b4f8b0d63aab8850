import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigRuleError, type ConfigSchema, type ConfigVariable, InvalidConfigError } from '../config/config-schema';
import { httpUrlOf, isLoopbackHost } from '../config/config-variables';
import { text } from '../config/config-variables';

/**
 * The issuer identifier of the local token issuer (tools/auth/issue-token.ts): the local stack and
 * the tests trust it; production refuses it. `.invalid` is a reserved name (RFC 2606), so it can
 * never be a real identity provider's.
 */
export const LOCAL_ISSUER = 'https://local-issuer.milestone-billing.invalid';

/** The audience every service checks unless configured otherwise: the billing API as a whole. */
export const DEFAULT_AUDIENCE = 'milestone-billing-api';

/** Where the issuer's public keys come from: its JWKS endpoint, or a JWKS file (local stack, static keys). */
export type JwksLocation = { readonly kind: 'remote'; readonly url: URL } | { readonly kind: 'file'; readonly path: string };

function jwksLocation(description: string): ConfigVariable<JwksLocation> {
  return {
    description,
    parse(raw) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new ConfigRuleError('must be an https:// URL of the issuer\'s JWKS, or file:///absolute/path/to/jwks.json');
      }
      if (url.protocol === 'file:') {
        const path = fileURLToPath(url);
        if (!isAbsolute(path)) throw new ConfigRuleError('must name an absolute file path (file:///…)');
        return { kind: 'file', path };
      }
      // Keys fetched over plain HTTP could be swapped in transit; only a loopback issuer (a
      // developer's own identity provider) may be reached that way.
      if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return { kind: 'remote', url };
      throw new ConfigRuleError(`must use https:// (http:// only on a loopback host) or file:// (got "${url.protocol}")`);
    },
  };
}

function seconds(description: string, defaultValue: number, maximum: number): ConfigVariable<number> {
  return {
    description,
    defaultValue: String(defaultValue),
    parse(raw) {
      if (!/^\d+$/.test(raw) || Number(raw) > maximum) throw new ConfigRuleError(`must be a whole number of seconds from 0 to ${maximum} (got "${raw}")`);
      return Number(raw);
    },
  };
}

/** An http(s) base URL of another service, optional. */
function optionalServiceUrl(description: string): ConfigVariable<URL | undefined> {
  return {
    description,
    optional: true,
    parse: (raw) => httpUrlOf(raw),
  };
}

/** The variables of bearer-token authentication, part of every service's configuration. */
export function authConfigSchema() {
  return {
    AUTH_ISSUER: text('the issuer (`iss`) every access token must name: your identity provider\'s issuer identifier'),
    AUTH_JWKS_URL: jwksLocation("the issuer's public keys: its JWKS URL (https://…/.well-known/jwks.json) or a JWKS file (file:///…)"),
    AUTH_AUDIENCE: text('the audience (`aud`) every access token must name', DEFAULT_AUDIENCE),
    AUTH_CLOCK_SKEW_SECONDS: seconds('how far the issuer\'s clock may be from ours when checking exp, nbf and iat', 30, 300),
    API_KEY_SERVICE_URL: optionalServiceUrl(
      "contract-service's base URL, where this service checks a presented API key (mbk_…) at GET /v1/api-keys/current; unset: API keys are refused (contract-service checks its own table and ignores it)",
    ),
    API_KEY_CACHE_SECONDS: seconds('how long an API key check is reused: a revoked key is refused everywhere within this time', 10, 300),
  } satisfies ConfigSchema;
}

export interface AuthSettings {
  readonly AUTH_ISSUER: string;
  readonly AUTH_JWKS_URL: JwksLocation;
  readonly AUTH_AUDIENCE: string;
  readonly AUTH_CLOCK_SKEW_SECONDS: number;
  readonly API_KEY_SERVICE_URL?: URL;
  readonly API_KEY_CACHE_SECONDS: number;
}

/**
 * The local issuer and key files are for developers and tests: a service that would trust them
 * in production refuses to start (its keys sit unprotected in .data/, anyone could mint an admin).
 */
export function refuseLocalIssuerInProduction(settings: AuthSettings, nodeEnvironment: string | undefined): void {
  if (nodeEnvironment !== 'production') return;
  if (settings.AUTH_ISSUER === LOCAL_ISSUER) {
    throw new InvalidConfigError('AUTH_ISSUER', 'must not be the local token issuer when NODE_ENV=production');
  }
  if (settings.AUTH_JWKS_URL.kind !== 'remote' || settings.AUTH_JWKS_URL.url.protocol !== 'https:') {
    throw new InvalidConfigError('AUTH_JWKS_URL', "must be the identity provider's https:// JWKS URL when NODE_ENV=production");
  }
}
