import { BillingApiError } from '../billing-api';
import type { PortalRoutes } from '../portal-server';

/** The same rule as the services' (isEmailAddress): ASCII local@domain.tld, at most 254 characters. */
const EMAIL_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
/** A sign-in link's token as contract-service issues it; anything else is not worth a call. */
const SIGN_IN_TOKEN = /^mbl_[A-Za-z0-9_-]{1,200}$/;

/**
 * Sign-in by emailed link. Opening the link (GET) only shows a button: mail scanners fetch links
 * to check them, and a GET that used up the single-use link would sign nobody in. Pressing the
 * button POSTs the token, which contract-service exchanges for a session (a client-role API key).
 */
export const sessionRoutes: PortalRoutes = (app, context) => {
  // The sign-in page offers the company's identity provider too, where one is configured.
  const companySignIn = context.config.PORTAL_OIDC_ISSUER !== undefined;
  app.get('/sign-in', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    if (typeof query.token === 'string') {
      return context.sendPage(reply, 200, 'sign-in-confirm', { title: 'Sign in' }, { token: query.token });
    }
    const message = query.expired !== undefined ? 'Your session has ended. Sign in again to continue.' : query.signed_out !== undefined ? 'You are signed out.' : undefined;
    return context.sendPage(reply, 200, 'sign-in', { title: 'Sign in', banner: message }, { companySignIn });
  });

  app.post('/sign-in/request', async (request, reply) => {
    const email = String((request.body as Record<string, unknown> | undefined)?.email ?? '').trim();
    if (email.length === 0 || email.length > 254 || !EMAIL_ADDRESS.test(email)) {
      return context.sendPage(reply, 400, 'sign-in', { title: 'Sign in' }, { email, companySignIn, error: 'Email address: enter the address your supplier has for you, like name@company.com.' });
    }
    try {
      await context.anonymousApis.contracts.requestSignInLink(email);
    } catch (error) {
      // The answer must not tell a known address from an unknown one; only an outage is shown.
      if (!(error instanceof BillingApiError) || error.status >= 500) throw error;
      request.log.warn({ code: error.problem.code }, 'a sign-in link request was refused');
    }
    return context.sendPage(reply, 200, 'sign-in-sent', { title: 'Check your email' }, { email });
  });

  app.post('/sign-in', async (request, reply) => {
    const token = String((request.body as Record<string, unknown> | undefined)?.token ?? '');
    const refused = () =>
      context.sendPage(reply, 401, 'sign-in', { title: 'Sign in' }, { companySignIn, error: 'This sign-in link has expired or was already used. Enter your email address to get a new one.' });
    if (!SIGN_IN_TOKEN.test(token)) return refused();
    try {
      const session = await context.anonymousApis.contracts.startSession(token);
      const secondsLeft = (new Date(session.expires_at).getTime() - Date.now()) / 1000;
      context.startSession(reply, session.token, secondsLeft);
      return reply.redirect('/', 303);
    } catch (error) {
      if (error instanceof BillingApiError && (error.status === 401 || error.status === 400 || error.status === 404)) return refused();
      throw error;
    }
  });

  app.post('/sign-out', async (request, reply) => {
    const client = await context.signedIn(request);
    if (client !== undefined) {
      context.clients.forget(client.token);
      try {
        await context.apisFor(client.token).contracts.endSession();
      } catch (error) {
        // The cookie goes whatever happens: the person asked to be signed out of this browser.
        request.log.warn({ err: error }, 'ending the session at contract-service failed');
      }
    }
    context.endSession(reply);
    return reply.redirect('/sign-in?signed_out=1', 303);
  });
};
