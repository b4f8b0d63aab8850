import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { BillingApiError, type BillingApis } from '../billing-api';

/** The client a session's token speaks for, as the pages need it. */
export interface SignedInClient {
  readonly token: string;
  readonly clientId: string;
  readonly name: string;
  readonly language: 'en' | 'de';
  readonly timeZone: string;
}

/** A token that is not a client's (a staff token pasted into the cookie): the portal is for clients only. */
export class NotAClientToken extends Error {}

/**
 * Which client a token belongs to. A session's token is a client-role API key (mbk_…), which
 * contract-service describes at /v1/api-keys/current; an access token (JWT) names its client in
 * `billing_client_id`. The JWT's claims are read here without checking its signature: every service
 * checks it on every call, and the portal only uses the claim to know which client to ask for,
 * whose answer (GET /v1/clients/:id with the same token) is what proves it.
 */
async function clientIdOf(token: string, apis: BillingApis): Promise<string> {
  if (token.startsWith('mbk_')) {
    const key = await apis.contracts.currentApiKey();
    if (key.role !== 'client' || key.client_id === null) throw new NotAClientToken(`the key ${key.id} is not a client's`);
    return key.client_id;
  }
  let claims: { roles?: unknown; billing_client_id?: unknown };
  try {
    claims = decodeJwt(token);
  } catch {
    throw new BillingApiError({ status: 401, code: 'auth.token_invalid', title: 'Not a token' }, 'portal');
  }
  const roles = Array.isArray(claims.roles) ? claims.roles : [];
  if (!roles.includes('client') || typeof claims.billing_client_id !== 'string') throw new NotAClientToken('the token is not a client token');
  return claims.billing_client_id;
}

/**
 * Resolves and remembers, for a short while, who a token is: two calls per page would double the
 * portal's load on contract-service for an answer that changes only when the key is revoked, and
 * a revoked key is refused by the next API call anyway. Keyed by the token's hash, never the token.
 */
export class SignedInClients {
  private readonly remembered = new Map<string, { client: SignedInClient; until: number }>();

  constructor(
    private readonly rememberForMs = 30_000,
    private readonly capacity = 10_000,
  ) {}

  async resolve(token: string, apis: BillingApis, now = Date.now()): Promise<SignedInClient> {
    const key = createHash('sha256').update(token).digest('base64url');
    const known = this.remembered.get(key);
    if (known !== undefined && known.until > now) return known.client;
    const clientId = await clientIdOf(token, apis);
    const client = await apis.contracts.client(clientId);
    const signedIn: SignedInClient = { token, clientId, name: client.name, language: client.language === 'de' ? 'de' : 'en', timeZone: client.time_zone || 'UTC' };
    if (this.remembered.size >= this.capacity) this.remembered.delete(this.remembered.keys().next().value as string);
    this.remembered.set(key, { client: signedIn, until: now + this.rememberForMs });
    return signedIn;
  }

  forget(token: string): void {
    this.remembered.delete(createHash('sha256').update(token).digest('base64url'));
  }
}
