import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { CLIENT_ID_CLAIM, DEFAULT_AUDIENCE, LOCAL_ISSUER, type Role, ROLES_CLAIM } from '@mb/platform';

/** What a local token says: one role, and for `client` the client it is confined to. */
export interface LocalTokenRequest {
  readonly role: Role;
  /** Required for the client role: the `cli_…` id the token is confined to. */
  readonly clientId?: string;
  /** `sub`; defaults to `local-<role>`. */
  readonly subject?: string;
  /** Lifetime from now; an hour unless told (negative: an expired token, for tests). */
  readonly expiresInSeconds?: number;
  readonly audience?: string;
}

const PRIVATE_KEY_FILE = 'local-issuer.private.jwk.json';
const JWKS_FILE = 'local-issuer.jwks.json';
const ALGORITHM = 'ES256';

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

/**
 * A token issuer for developers and tests, never for production (services refuse LOCAL_ISSUER
 * when NODE_ENV=production): an ES256 key pair kept in a directory (the private key readable by
 * its owner only), whose public JWKS the local stack's services trust (AUTH_JWKS_URL=file://…).
 * tools/auth/issue-token.ts, bin/start and the tests all mint tokens with it.
 */
export class LocalIssuer {
  private constructor(
    private readonly privateKey: SigningKey,
    private readonly keyId: string,
    readonly jwksPath: string,
  ) {}

  /** Opens the issuer kept in `directory`, creating its key pair on first use. */
  static async openOrCreate(directory: string): Promise<LocalIssuer> {
    const privatePath = join(directory, PRIVATE_KEY_FILE);
    const jwksPath = join(directory, JWKS_FILE);
    const stored = await readFile(privatePath, 'utf8').then((text) => JSON.parse(text) as JWK, () => undefined);
    if (stored !== undefined) {
      return new LocalIssuer(await importJWK(stored, ALGORITHM), stored.kid as string, jwksPath);
    }
    const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    await mkdir(directory, { recursive: true, mode: 0o700 });
    await writeFile(privatePath, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: ALGORITHM }), { mode: 0o600 });
    await chmod(privatePath, 0o600);
    await writeFile(jwksPath, `${JSON.stringify({ keys: [{ ...publicJwk, kid, alg: ALGORITHM, use: 'sig' }] }, null, 2)}\n`);
    return new LocalIssuer(privateKey, kid, jwksPath);
  }

  /** The variables that make a service trust this issuer. */
  serviceEnvironment(): { AUTH_ISSUER: string; AUTH_JWKS_URL: string; AUTH_AUDIENCE: string } {
    return { AUTH_ISSUER: LOCAL_ISSUER, AUTH_JWKS_URL: pathToFileURL(this.jwksPath).href, AUTH_AUDIENCE: DEFAULT_AUDIENCE };
  }

  /** A signed access token (RFC 9068 shape: iss, aud, sub, iat, exp, jti; roles; billing_client_id for a client). */
  async issue(request: LocalTokenRequest): Promise<string> {
    if (request.role === 'client' && !request.clientId) throw new Error('a client token needs the client it is confined to (cli_…)');
    if (request.role !== 'client' && request.clientId) throw new Error('only a client token names a client');
    const claims: Record<string, unknown> = { [ROLES_CLAIM]: [request.role] };
    if (request.clientId) claims[CLIENT_ID_CLAIM] = request.clientId;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, kid: this.keyId, typ: 'at+jwt' })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(request.audience ?? DEFAULT_AUDIENCE)
      .setSubject(request.subject ?? `local-${request.role}`)
      .setIssuedAt()
      .setJti(crypto.randomUUID())
      .setExpirationTime(Math.floor(Date.now() / 1000) + (request.expiresInSeconds ?? 3600))
      .sign(this.privateKey);
  }
}
