import * as oidc from 'openid-client';
import { BillingApiError } from '../billing-api';
import type { ClientPortalConfig } from '../config';
import { NotAClientToken } from '../http/signed-in-client';
import type { PortalRoutes } from '../portal-server';

/** How long a person has at their identity provider between leaving the portal and coming back. */
const PENDING_SIGN_IN_SECONDS = 600;
const CALLBACK_PATH = '/sign-in/company/callback';

/** What the portal remembers, in a short-lived cookie, of a sign-in it sent to the identity provider. */
interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

function pendingSignInOf(raw: string | undefined): PendingSignIn | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<PendingSignIn>;
    return typeof value.state === 'string' && typeof value.nonce === 'string' && typeof value.codeVerifier === 'string' ? (value as PendingSignIn) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The identity provider's metadata, discovered on first use and kept; a failed discovery is
 * forgotten so that the next sign-in tries again (the provider may only have been down).
 */
function identityProviderOf(config: ClientPortalConfig): () => Promise<oidc.Configuration> {
  let discovered: Promise<oidc.Configuration> | undefined;
  return () => {
    if (discovered === undefined) {
      const issuer = new URL(config.PORTAL_OIDC_ISSUER as string);
      // Plain http is allowed by the configuration only for a loopback issuer.
      const options = issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined;
      discovered = oidc.discovery(issuer, config.PORTAL_OIDC_CLIENT_ID as string, config.PORTAL_OIDC_CLIENT_SECRET as string, undefined, options);
      discovered.catch(() => {
        discovered = undefined;
      });
    }
    return discovered;
  };
}

/**
 * Sign-in through the company's identity provider (OpenID Connect authorization code flow with
 * PKCE, state and nonce, by openid-client), where PORTAL_OIDC_ISSUER is set. The session is the
 * access token the provider issues for the billing API: a JWT every service verifies itself, whose
 * `billing_client_id` confines it to one client as a sign-in link's session is.
 */
export const companySignInRoutes: PortalRoutes = (app, context) => {
  const { config } = context;
  if (config.PORTAL_OIDC_ISSUER === undefined) return;
  const identityProvider = identityProviderOf(config);
  const pendingCookie = context.secureCookies ? '__Host-mb_portal_oidc' : 'mb_portal_oidc';
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: context.secureCookies };

  app.get('/sign-in/company', async (_request, reply) => {
    const pending: PendingSignIn = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    const parameters: Record<string, string> = {
      redirect_uri: `${config.PORTAL_PUBLIC_URL}${CALLBACK_PATH}`,
      scope: config.PORTAL_OIDC_SCOPE,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    };
    if (config.PORTAL_OIDC_RESOURCE !== undefined) parameters.resource = config.PORTAL_OIDC_RESOURCE;
    const authorizationUrl = oidc.buildAuthorizationUrl(await identityProvider(), parameters);
    reply.setCookie(pendingCookie, Buffer.from(JSON.stringify(pending)).toString('base64url'), { ...cookieOptions, maxAge: PENDING_SIGN_IN_SECONDS });
    return reply.redirect(authorizationUrl.href, 303);
  });

  app.get(CALLBACK_PATH, async (request, reply) => {
    const pending = pendingSignInOf(request.cookies[pendingCookie]);
    reply.clearCookie(pendingCookie, cookieOptions);
    const signInPage = (status: number, error: string) => context.sendPage(reply, status, 'sign-in', { title: 'Sign in' }, { error, companySignIn: true });
    if (pending === undefined) {
      return signInPage(400, 'This sign-in took too long or was started in another browser. Sign in again.');
    }
    let tokens: oidc.TokenEndpointResponse;
    try {
      tokens = await oidc.authorizationCodeGrant(await identityProvider(), new URL(request.url, config.PORTAL_PUBLIC_URL), {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      request.log.warn({ err: error }, 'a sign-in through the identity provider did not complete');
      return signInPage(401, 'Your company sign-in did not complete. Sign in again, or ask for a link by email.');
    }
    try {
      await context.clients.resolve(tokens.access_token, context.apisFor(tokens.access_token));
    } catch (error) {
      if (error instanceof NotAClientToken || (error instanceof BillingApiError && [401, 403, 404].includes(error.status))) {
        request.log.warn({ err: error }, 'an identity provider token the services do not accept as a client');
        return signInPage(403, 'Your company account is not set up for this portal. Ask your supplier to link it to your company, or sign in with a link by email.');
      }
      throw error;
    }
    context.startSession(reply, tokens.access_token, tokens.expires_in ?? PENDING_SIGN_IN_SECONDS);
    return reply.redirect('/', 303);
  });
};
