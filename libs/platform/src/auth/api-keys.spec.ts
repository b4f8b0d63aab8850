import { introspectionUrlOf, ApiKeyServiceUnavailable, apiKeySecretHash, apiKeySecretMatches, apiKeyText, IntrospectingApiKeyAuthenticator, newApiKeySecret, parseApiKey } from './api-keys';
import { AuthenticationRequired } from './auth-errors';

const ID = 'mbk_01JZ7Q8W5N2X3Y4Z5A6B7C8D9E';

describe('API key text', () => {
  it('is mbk_<ULID>_<43 base64url characters>, and splits back into its id and secret', () => {
    const secret = newApiKeySecret();
    const text = apiKeyText(ID, secret);
    expect(text).toMatch(/^mbk_[0-9A-HJKMNP-TV-Z]{26}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(text)).toEqual({ id: ID, secret });
  });

  it.each(['mbk_', `${ID}_short`, `${ID}_${'A'.repeat(44)}`, `mbk_01jz7q8w5n2x3y4z5a6b7c8d9e_${'A'.repeat(43)}`, `eyJhbGciOi.${'A'.repeat(43)}`])('is not read from %p', (text) => {
    expect(parseApiKey(text)).toBeNull();
  });

  it('matches the stored SHA-256 of its secret only', () => {
    const secret = newApiKeySecret();
    expect(apiKeySecretHash(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(apiKeySecretMatches(secret, apiKeySecretHash(secret))).toBe(true);
    expect(apiKeySecretMatches(newApiKeySecret(), apiKeySecretHash(secret))).toBe(false);
    expect(apiKeySecretMatches(secret, 'not hex')).toBe(false);
  });
});

describe('introspectionUrlOf', () => {
  it.each([
    ['http://contract-service:3001', 'http://contract-service:3001/v1/api-keys/current'],
    ['http://contract-service:3001/', 'http://contract-service:3001/v1/api-keys/current'],
    ['https://gateway.internal/contract', 'https://gateway.internal/contract/v1/api-keys/current'],
  ])('asks %s at %s', (base, expected) => {
    expect(introspectionUrlOf(new URL(base)).href).toBe(expected);
  });
});

describe('IntrospectingApiKeyAuthenticator', () => {
  const key = apiKeyText(ID, newApiKeySecret());
  let now: number;
  let answers: (() => Response)[];
  let asked: { url: string; authorization: string | null }[];

  const fakeFetch = (async (url: URL, init: RequestInit) => {
    asked.push({ url: String(url), authorization: new Headers(init.headers).get('authorization') });
    const next = answers.shift();
    if (next === undefined) throw new TypeError('fetch failed');
    return next();
  }) as unknown as typeof fetch;
  const known = (role: string, clientId: string | null = null) => () => Response.json({ id: ID, name: 'ERP', role, client_id: clientId });
  const revoked = () => () => Response.json({ code: 'auth.token_invalid' }, { status: 401 });
  const authenticator = (cacheSeconds = 10) =>
    new IntrospectingApiKeyAuthenticator({ serviceUrl: new URL('http://contract.internal:3001'), cacheSeconds, now: () => now, fetch: fakeFetch });

  beforeEach(() => {
    now = 1_000_000;
    answers = [];
    asked = [];
  });

  it("asks contract-service who the key is, with the key itself, and gives the key's Caller", async () => {
    answers.push(known('finance'));
    await expect(authenticator().authenticate(key)).resolves.toEqual({ subject: ID, roles: ['finance'], clientId: null, apiKeyId: ID });
    expect(asked).toEqual([{ url: 'http://contract.internal:3001/v1/api-keys/current', authorization: `Bearer ${key}` }]);
  });

  it('confines a client-role key to its client', async () => {
    answers.push(known('client', 'cli_01A'));
    await expect(authenticator().authenticate(key)).resolves.toMatchObject({ roles: ['client'], clientId: 'cli_01A' });
  });

  it('reuses an answer for the cache period, then asks again: a revocation is seen within it', async () => {
    const keys = authenticator(10);
    answers.push(known('finance'), revoked());
    await keys.authenticate(key);
    now += 9_999;
    await expect(keys.authenticate(key)).resolves.toMatchObject({ roles: ['finance'] });
    expect(asked).toHaveLength(1);
    now += 1;
    await expect(keys.authenticate(key)).rejects.toBeInstanceOf(AuthenticationRequired);
    expect(asked).toHaveLength(2);
  });

  it('never reuses an accepted answer past the expiry contract-service gives (a portal session)', async () => {
    // given a key that expires 4 s from now, and a cache of 10 s
    const keys = authenticator(10);
    const expiring = () => Response.json({ id: ID, name: 'portal session ap@acme.example', role: 'client', client_id: 'cli_01A', expires_at: new Date(now + 4_000).toISOString() });
    answers.push(expiring, revoked());
    await expect(keys.authenticate(key)).resolves.toMatchObject({ roles: ['client'] });
    // the answer is reused until just before the expiry
    now += 3_999;
    await expect(keys.authenticate(key)).resolves.toMatchObject({ roles: ['client'] });
    expect(asked).toHaveLength(1);
    // and from the expiry on, contract-service is asked again (and refuses the expired key)
    now += 1;
    await expect(keys.authenticate(key)).rejects.toMatchObject({ code: 'auth.token_invalid' });
    expect(asked).toHaveLength(2);
  });

  it('keeps the cache period for a key expiring after it, and does not reuse an answer whose expiry it cannot read', async () => {
    const keys = authenticator(10);
    answers.push(() => Response.json({ id: ID, name: 'ERP', role: 'finance', client_id: null, expires_at: new Date(now + 3_600_000).toISOString() }));
    await keys.authenticate(key);
    now += 9_999;
    await keys.authenticate(key);
    expect(asked).toHaveLength(1);
    now += 1;
    answers.push(() => Response.json({ id: ID, name: 'ERP', role: 'finance', client_id: null, expires_at: 'soon' }), known('finance'));
    await keys.authenticate(key);
    await keys.authenticate(key);
    expect(asked).toHaveLength(3);
  });

  it('asks every time with a cache of 0 seconds', async () => {
    const keys = authenticator(0);
    answers.push(known('finance'), revoked());
    await keys.authenticate(key);
    await expect(keys.authenticate(key)).rejects.toMatchObject({ code: 'auth.token_invalid' });
  });

  it('shares one question among concurrent requests with a key', async () => {
    const keys = authenticator();
    answers.push(known('service'));
    await Promise.all([keys.authenticate(key), keys.authenticate(key), keys.authenticate(key)]);
    expect(asked).toHaveLength(1);
  });

  it('answers 503 when contract-service cannot be asked, and asks again next time', async () => {
    const keys = authenticator();
    await expect(keys.authenticate(key)).rejects.toBeInstanceOf(ApiKeyServiceUnavailable);
    answers.push(() => new Response('busy', { status: 429 }));
    await expect(keys.authenticate(key)).rejects.toBeInstanceOf(ApiKeyServiceUnavailable);
    answers.push(known('finance'));
    await expect(keys.authenticate(key)).resolves.toMatchObject({ roles: ['finance'] });
  });

  it('refuses a malformed key without asking, and a role this system does not know', async () => {
    await expect(authenticator().authenticate('mbk_nonsense')).rejects.toBeInstanceOf(AuthenticationRequired);
    expect(asked).toHaveLength(0);
    answers.push(known('root'));
    await expect(authenticator().authenticate(key)).rejects.toBeInstanceOf(AuthenticationRequired);
  });
});
