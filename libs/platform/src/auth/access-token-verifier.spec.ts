import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { readConfig } from '../config/config-schema';
import { AuthenticationRequired } from './auth-errors';
import { authConfigSchema, LOCAL_ISSUER, refuseLocalIssuerInProduction } from './auth-config';
import { AccessTokenVerifier } from './access-token-verifier';
import { SUBJECT_MAX_LENGTH } from './caller';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

const ISSUER = 'https://idp.acme.example';
const AUDIENCE = 'milestone-billing-api';

describe('AccessTokenVerifier', () => {
  let signingKey: PrivateKey;
  let otherKey: PrivateKey;
  let verifier: AccessTokenVerifier;

  beforeAll(async () => {
    // given an issuer whose public key the service trusts through a JWKS file, and a stranger's key
    const pair = await generateKeyPair('ES256');
    signingKey = pair.privateKey;
    otherKey = (await generateKeyPair('ES256')).privateKey;
    const jwksPath = join(mkdtempSync(join(tmpdir(), 'verifier-spec-')), 'jwks.json');
    writeFileSync(jwksPath, JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }] }));
    const settings = readConfig(authConfigSchema(), { AUTH_ISSUER: ISSUER, AUTH_JWKS_URL: `file://${jwksPath}`, AUTH_CLOCK_SKEW_SECONDS: '30' });
    verifier = AccessTokenVerifier.fromSettings(settings);
  });

  function aToken(claims: Record<string, unknown> = {}, options: { key?: PrivateKey; issuer?: string; audience?: string; expiresAt?: number; subject?: string } = {}): Promise<string> {
    return new SignJWT({ roles: ['finance'], ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject(options.subject ?? 'ana@acme.example')
      .setIssuedAt()
      .setExpirationTime(options.expiresAt ?? Math.floor(Date.now() / 1000) + 300)
      .sign(options.key ?? signingKey);
  }

  async function refusal(authorization: string | undefined): Promise<AuthenticationRequired> {
    const error = await verifier.verify(authorization).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AuthenticationRequired);
    return error as AuthenticationRequired;
  }

  it('names the caller of a valid token: subject and roles, no client', async () => {
    await expect(verifier.verify(`Bearer ${await aToken()}`)).resolves.toEqual({ subject: 'ana@acme.example', roles: ['finance'], clientId: null });
  });

  it('confines a client token to the client its billing_client_id names', async () => {
    const token = await aToken({ roles: ['client'], billing_client_id: 'cli_01ACME' });
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toEqual({ subject: 'ana@acme.example', roles: ['client'], clientId: 'cli_01ACME' });
  });

  it('answers no token with a bare Bearer challenge (RFC 6750 §3.1)', async () => {
    const error = await refusal(undefined);
    expect([error.getStatus(), error.code, error.responseHeaders['www-authenticate']]).toEqual([401, 'auth.token_missing', 'Bearer realm="milestone-billing"']);
  });

  it.each([
    ['another issuer', () => aToken({}, { issuer: 'https://evil.example' }), 'the access token\'s "iss" claim is not accepted'],
    ['another audience', () => aToken({}, { audience: 'payroll-api' }), 'the access token\'s "aud" claim is not accepted'],
    ['a key the issuer never published', () => aToken({}, { key: otherKey }), 'the access token is not valid (signature, key or format)'],
    ['an expiry past the clock skew', () => aToken({}, { expiresAt: Math.floor(Date.now() / 1000) - 60 }), 'the access token has expired'],
    ['a client role without its client', () => aToken({ roles: ['client'] }), 'a client token must name its client in "billing_client_id" (cli_…)'],
    ['the client role beside another', () => aToken({ roles: ['client', 'admin'], billing_client_id: 'cli_01ACME' }), 'a client token carries the client role only'],
    ['roles that are not a list', () => aToken({ roles: 'admin' }), 'the access token\'s "roles" claim must be a list of role names'],
    ['a subject longer than events carry', () => aToken({}, { subject: 's'.repeat(SUBJECT_MAX_LENGTH + 1) }), `the access token's "sub" claim must be 1 to ${SUBJECT_MAX_LENGTH} characters`],
  ])('refuses a token with %s, saying why', async (_case, token, detail) => {
    const error = await refusal(`Bearer ${await token()}`);
    expect([error.code, error.message]).toEqual(['auth.token_invalid', detail]);
    expect(error.responseHeaders['www-authenticate']).toMatch(/^Bearer realm="milestone-billing", error="invalid_token"/);
  });

  it('accepts a subject of the longest length events carry', async () => {
    const subject = 's'.repeat(SUBJECT_MAX_LENGTH);
    await expect(verifier.verify(`Bearer ${await aToken({}, { subject })}`)).resolves.toEqual({ subject, roles: ['finance'], clientId: null });
  });

  it('accepts a token expired within the configured clock skew', async () => {
    const token = await aToken({}, { expiresAt: Math.floor(Date.now() / 1000) - 10 });
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toMatchObject({ roles: ['finance'] });
  });

  it('refuses an unsigned or shared-secret token, whatever it claims', async () => {
    const hs256 = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('mallory')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a shared secret of at least thirty-two bytes'));
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, sub: 'mallory', roles: ['admin'], exp: 9999999999 })).toString('base64url')}.`;
    expect((await refusal(`Bearer ${hs256}`)).code).toBe('auth.token_invalid');
    expect((await refusal(`Bearer ${unsigned}`)).code).toBe('auth.token_invalid');
    expect((await refusal('Basic YWRtaW46YWRtaW4=')).code).toBe('auth.token_invalid');
  });

  it('grants nothing for roles this system does not know', async () => {
    await expect(verifier.verify(`Bearer ${await aToken({ roles: ['offline_access', 'superuser'] })}`)).resolves.toMatchObject({ roles: [] });
  });
});

describe('authentication settings', () => {
  const valid = { AUTH_ISSUER: ISSUER, AUTH_JWKS_URL: `${ISSUER}/.well-known/jwks.json` };

  it('reads them with a default audience and clock skew', () => {
    expect(readConfig(authConfigSchema(), valid)).toMatchObject({ AUTH_AUDIENCE: 'milestone-billing-api', AUTH_CLOCK_SKEW_SECONDS: 30 });
  });

  it.each([
    [{ AUTH_ISSUER: undefined }, /^AUTH_ISSUER is required/],
    [{ AUTH_JWKS_URL: 'http://idp.acme.example/jwks' }, /^AUTH_JWKS_URL must use https:\/\/ \(http:\/\/ only on a loopback host\)/],
    [{ AUTH_JWKS_URL: 'jwks.json' }, /^AUTH_JWKS_URL must be an https:\/\/ URL/],
    [{ AUTH_CLOCK_SKEW_SECONDS: '3600' }, /^AUTH_CLOCK_SKEW_SECONDS must be a whole number of seconds from 0 to 300/],
  ])('refuses %p naming the variable and the rule', (override, message) => {
    expect(() => readConfig(authConfigSchema(), { ...valid, ...override })).toThrow(message);
  });

  it('refuses the local issuer, or keys from a file, when NODE_ENV=production', () => {
    const local = readConfig(authConfigSchema(), { AUTH_ISSUER: LOCAL_ISSUER, AUTH_JWKS_URL: 'file:///repo/.data/local/auth/local-issuer.jwks.json' });
    expect(() => refuseLocalIssuerInProduction(local, 'production')).toThrow('AUTH_ISSUER must not be the local token issuer when NODE_ENV=production');
    const fileKeys = readConfig(authConfigSchema(), { AUTH_ISSUER: ISSUER, AUTH_JWKS_URL: 'file:///etc/keys/jwks.json' });
    expect(() => refuseLocalIssuerInProduction(fileKeys, 'production')).toThrow(/^AUTH_JWKS_URL must be the identity provider's https:\/\/ JWKS URL/);
    // while a developer's stack may use both
    expect(() => refuseLocalIssuerInProduction(local, undefined)).not.toThrow();
    expect(() => refuseLocalIssuerInProduction(readConfig(authConfigSchema(), valid), 'production')).not.toThrow();
  });
});
