import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import formBody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { BillingApiError, type BillingApis, billingApisFor, type ServiceUrls } from './billing-api';
import type { ClientPortalConfig } from './config';
import { type PageFrame, PagesRenderer } from './http/pages-renderer';
import { comesFromOrigin } from './http/same-origin';
import { NotAClientToken, type SignedInClient, SignedInClients } from './http/signed-in-client';
import type { Viewer } from './views/pages';

/**
 * No script anywhere, styles from our one stylesheet, forms only to ourselves, never framed:
 * the pages need nothing else, so anything else a bug or an injection could bring is refused.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** The page to offer "try again" on: this same GET, when it is a path of ours (never //host). */
function retryPathOf(request: FastifyRequest): string | undefined {
  return request.method === 'GET' && request.url.startsWith('/') && !request.url.startsWith('//') ? request.url : undefined;
}

/** An Idempotency-Key as the services accept it: 1 to 255 printable ASCII characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** What a route needs: who is signed in, their APIs, and the page renderer. */
export interface PortalContext {
  readonly config: ClientPortalConfig;
  readonly pages: PagesRenderer;
  readonly secureCookies: boolean;
  /** Keeps the session's token in the browser until it expires: httpOnly (no script reads it), SameSite=Lax (not sent on another site's POST). */
  startSession(reply: FastifyReply, token: string, maxAgeSeconds: number): void;
  /** Removes the session cookie. */
  endSession(reply: FastifyReply): void;
  /** The APIs with no token: only the sign-in calls are made this way. */
  readonly anonymousApis: BillingApis;
  readonly clients: SignedInClients;
  apisFor(token: string): BillingApis;
  /** The signed-in client, or undefined (the caller redirects to /sign-in). */
  signedIn(request: FastifyRequest): Promise<SignedInClient | undefined>;
  viewerOf(client: SignedInClient): Viewer;
  /** Sends a page (Content-Type text/html) with the status given. */
  sendPage(reply: FastifyReply, status: number, page: string, frame: PageFrame, model?: object): FastifyReply;
  /** A fresh Idempotency-Key for a form, so that submitting it twice is one command. */
  newFormKey(): string;
  /** The form's key, or undefined when it is missing or malformed (the route refuses the form). */
  formKeyOf(body: unknown): string | undefined;
}

export type PortalRoutes = (app: FastifyInstance, context: PortalContext) => void;

export interface PortalServerOptions {
  readonly config: ClientPortalConfig;
  readonly routes: readonly PortalRoutes[];
  readonly templatesDirectory?: string;
  readonly assetsDirectory?: string;
  readonly logger?: boolean | { level: string };
  /** The clock of "days late" and "time left"; the real one unless a test sets another. */
  readonly now?: () => Date;
}

export function buildPortalServer(options: PortalServerOptions): FastifyInstance {
  const { config } = options;
  const portalOrigin = new URL(config.PORTAL_PUBLIC_URL).origin;
  const secureCookies = portalOrigin.startsWith('https:');
  // __Host-: the browser keeps it only when Secure, Path=/ and no Domain, so no sibling host can set it.
  const sessionCookieName = secureCookies ? '__Host-mb_portal_session' : 'mb_portal_session';
  const urls: ServiceUrls = { contract: config.CONTRACT_API_URL, milestone: config.MILESTONE_API_URL, invoicing: config.INVOICING_API_URL, collections: config.COLLECTIONS_API_URL };
  const pages = new PagesRenderer(options.templatesDirectory ?? join(__dirname, 'templates'));
  const clients = new SignedInClients();
  const now = options.now ?? (() => new Date());

  const app = Fastify({ logger: options.logger ?? false, trustProxy: false, bodyLimit: 64 * 1024 });
  app.register(cookie);
  app.register(formBody);
  app.register(fastifyStatic, { root: options.assetsDirectory ?? join(__dirname, 'assets'), prefix: '/assets/', index: false, list: false });

  const context: PortalContext = {
    config,
    pages,
    secureCookies,
    startSession(reply, token, maxAgeSeconds) {
      reply.setCookie(sessionCookieName, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies, maxAge: Math.max(0, Math.floor(maxAgeSeconds)) });
    },
    endSession(reply) {
      reply.clearCookie(sessionCookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies });
    },
    anonymousApis: billingApisFor(urls, undefined),
    clients,
    apisFor: (token) => billingApisFor(urls, token),
    async signedIn(request) {
      const token = request.cookies[sessionCookieName];
      if (token === undefined || token === '') return undefined;
      try {
        return await clients.resolve(token, billingApisFor(urls, token));
      } catch (error) {
        if (error instanceof NotAClientToken) return undefined;
        if (error instanceof BillingApiError && (error.status === 401 || error.status === 403 || error.status === 404)) return undefined;
        throw error;
      }
    },
    viewerOf: (client) => ({ language: client.language, timeZone: client.timeZone, now: now() }),
    sendPage(reply, status, page, frame, model = {}) {
      return reply.status(status).type('text/html; charset=utf-8').send(pages.render(page, frame, model));
    },
    newFormKey: () => `portal-${randomUUID()}`,
    formKeyOf(body) {
      const key = (body as Record<string, unknown> | undefined)?.idempotency_key;
      return typeof key === 'string' && IDEMPOTENCY_KEY.test(key) ? key : undefined;
    },
  };

  app.addHook('onRequest', async (request, reply) => {
    // Pages hold one client's data: never kept by the browser or a shared cache (back button included).
    reply.header('cache-control', 'no-store');
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    // Same-origin: our form posts carry a Referer for the CSRF check; other sites learn nothing.
    reply.header('referrer-policy', 'same-origin');
    if (secureCookies) reply.header('strict-transport-security', 'max-age=31536000');
    if (request.method === 'POST' && !comesFromOrigin({ origin: request.headers.origin, referer: request.headers.referer }, portalOrigin)) {
      request.log.warn({ origin: request.headers.origin, referer: request.headers.referer }, 'refused a POST from another origin');
      return context.sendPage(reply, 403, 'error', { title: 'Request refused' }, {
        message: 'This form was not sent from the portal itself, so nothing was done. Go back to the portal and try again from there.',
        retryPath: '/',
      });
    }
    return undefined;
  });

  app.get('/health/live', async (_request, reply) => reply.type('application/json').send({ status: 'ok' }));
  // Ready once the templates are compiled (the constructor above): the portal keeps no state of
  // its own, and a service it calls being down is shown on the page that needs it, not by taking
  // every portal pod out of rotation.
  app.get('/health/ready', async (_request, reply) => reply.type('application/json').send({ status: 'ok' }));

  for (const routes of options.routes) routes(app, context);

  app.setNotFoundHandler((request, reply) => {
    void context.signedIn(request).then(
      (client) => context.sendPage(reply, 404, 'not-found', { title: 'Page not found', clientName: client?.name }),
      () => context.sendPage(reply, 404, 'not-found', { title: 'Page not found' }),
    );
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof BillingApiError) {
      if (error.status === 401) {
        // The token expired or was revoked: the session is over.
        context.endSession(reply);
        return reply.redirect('/sign-in?expired=1', 303);
      }
      if (error.status === 404) return context.sendPage(reply, 404, 'not-found', { title: 'Not found' });
      request.log.warn({ service: error.service, problem: error.problem }, 'a service refused or failed a call');
      // A refusal (4xx) is passed on as it is; a service failing is the portal's gateway failing.
      const status = error.status >= 500 ? (error.status === 503 ? 503 : 502) : error.status;
      return context.sendPage(reply, status, 'error', { title: 'Something went wrong' }, {
        message: error.problem.title,
        detail: error.problem.detail,
        retryPath: retryPathOf(request),
      });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'the portal failed a request');
    return context.sendPage(reply, status, 'error', { title: status >= 500 ? 'Something went wrong' : 'Request refused' }, {
      message: status >= 500 ? 'The portal could not show this page.' : (error as Error).message,
      retryPath: retryPathOf(request),
    });
  });

  return app;
}
