import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import type { Configuration } from 'oidc-provider';

/** The audience the services verify access tokens for (AUTH_AUDIENCE's default). */
const BILLING_API_AUDIENCE = 'milestone-billing-api';
/** The billing API as an RFC 8707 resource indicator (an absolute URI), the default for every authorization request. */
export const BILLING_API_RESOURCE = 'urn:milestone-billing:api';

/** An OAuth client registered at the identity provider: the portal, with where it may be sent back to. */
export interface RegisteredOidcClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: string[];
}

/** A person the identity provider knows: the login they type and the billing client their tokens are confined to (null: none). */
export interface IdentityProviderAccount {
  readonly login: string;
  readonly billingClientId: string | null;
}

/** A running identity provider, its issuer URL and the settings the services verify its tokens with. */
export interface OidcIdentityProvider {
  readonly issuer: string;
  /** AUTH_ISSUER and AUTH_JWKS_URL for services that should trust it. */
  readonly serviceAuthEnvironment: Record<string, string>;
  /** Lets `login` sign in from now on, confined to `billingClientId` (a person the company has just set up). */
  addAccount(account: IdentityProviderAccount): void;
  /** An access token for a staff tool acting with `role` (client credentials grant), as the company's other systems get theirs. */
  staffToken(role: 'admin' | 'project_manager' | 'finance' | 'service'): Promise<string>;
  stop(): Promise<void>;
}

const STAFF_ROLES = ['admin', 'project_manager', 'finance', 'service'] as const;
const STAFF_SECRET = 'test-idp-staff-secret';

/**
 * A real OpenID Connect provider (panva's oidc-provider, certified by the OpenID Foundation) for
 * the portal's "company identity provider" sign-in: authorization code with PKCE, and access
 * tokens as RFC 9068 JWTs for the billing API carrying the `client` role and the account's billing
 * client, as a company's IdP would be configured to issue them. Its login page is the library's
 * development interaction (any password), so a test signs in by typing a known login.
 */
export async function startOidcIdentityProvider(options: { port?: number; client: RegisteredOidcClient; accounts?: IdentityProviderAccount[] }): Promise<OidcIdentityProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-idp-1', alg: 'ES256', use: 'sig' };
  const clientOf = new Map((options.accounts ?? []).map((account) => [account.login, account.billingClientId]));

  const configuration: Configuration = {
    clients: [
      {
        client_id: options.client.clientId,
        client_secret: options.client.clientSecret,
        redirect_uris: options.client.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
      },
      ...STAFF_ROLES.map((role) => ({
        client_id: `staff-${role}`,
        client_secret: STAFF_SECRET,
        redirect_uris: [],
        grant_types: ['client_credentials'],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_basic' as const,
        id_token_signed_response_alg: 'ES256' as const,
      })),
    ],
    jwks: { keys: [signingKey] },
    findAccount: async (_ctx, login) => (clientOf.has(login) ? { accountId: login, claims: async () => ({ sub: login, email: login }) } : undefined),
    claims: { openid: ['sub'], email: ['email'] },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => BILLING_API_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async () => ({
          scope: 'openid',
          audience: BILLING_API_AUDIENCE,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 3600,
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
    extraTokenClaims: async (_ctx, token) => {
      if (!('accountId' in token)) return { roles: [String(token.clientId).replace(/^staff-/, '')] };
      const billingClientId = clientOf.get(String(token.accountId)) ?? null;
      return billingClientId !== null ? { roles: ['client'], billing_client_id: billingClientId } : undefined;
    },
    // The company has already agreed that the portal may act for its people: no consent screen.
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope('openid email');
      grant.addResourceScope(BILLING_API_RESOURCE, 'openid');
      await grant.save();
      return grant;
    },
    pkce: { required: () => true },
    cookies: { keys: ['test-idp-cookie-key'] },
  };
  // Loaded when a test asks for it, not by every suite that imports @mb/testing.
  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(issuer, configuration);
  server.on('request', provider.callback());
  return {
    issuer,
    serviceAuthEnvironment: { AUTH_ISSUER: issuer, AUTH_JWKS_URL: `${issuer}/jwks` },
    addAccount: (account) => {
      clientOf.set(account.login, account.billingClientId);
    },
    staffToken: async (role) => {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`staff-${role}:${STAFF_SECRET}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      });
      const answer = (await response.json()) as { access_token?: string };
      if (!response.ok || !answer.access_token) throw new Error(`the identity provider refused a ${role} token: ${JSON.stringify(answer)}`);
      return answer.access_token;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
