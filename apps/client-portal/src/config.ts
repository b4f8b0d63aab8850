import { ConfigOf, ConfigRuleError, ConfigSchema, type ConfigVariable, httpUrlOf, LOG_LEVELS, oneOf, port, text } from '@mb/platform';

/**
 * An http(s) base URL without credentials, a path or a trailing slash: the portal joins paths to
 * it. Only its origin matters for PORTAL_PUBLIC_URL, which is what a browser's Origin header must equal.
 */
function baseUrl(description: string, defaultValue: string): ConfigVariable<string> {
  return {
    description,
    defaultValue,
    parse(raw) {
      httpUrlOf(raw);
      return raw.replace(/\/+$/, '');
    },
  };
}

/**
 * The company identity provider's issuer, when clients may sign in through it. https only, but for
 * a loopback address (a developer's or a test's own provider); its client id and secret must come
 * with it, or the portal would start with a sign-in button that cannot work.
 */
function oidcIssuer(description: string): ConfigVariable<string | undefined> {
  return {
    description,
    optional: true,
    parse(raw, environment) {
      httpUrlOf(raw, { httpsUnlessLoopback: { because: 'for an identity provider' } });
      for (const needed of ['PORTAL_OIDC_CLIENT_ID', 'PORTAL_OIDC_CLIENT_SECRET']) {
        if (!environment[needed]) throw new ConfigRuleError(`needs ${needed} too (the portal's registration at the identity provider)`);
      }
      return raw.replace(/\/+$/, '');
    },
  };
}

export const clientPortalConfigSchema = {
  PORTAL_HTTP_PORT: port('port the portal serves its pages, assets and health on', 3010),
  HTTP_HOST: text('address the portal binds to', '127.0.0.1'),
  PORTAL_PUBLIC_URL: baseUrl(
    'the URL clients open the portal at: sign-in links point here, every form POST must come from its origin (Origin or Referer), and the session cookie is Secure when it is https',
    'http://127.0.0.1:3010',
  ),
  CONTRACT_API_URL: baseUrl("base URL of contract-service's REST API (sessions, clients, contracts)", 'http://127.0.0.1:3001'),
  MILESTONE_API_URL: baseUrl("base URL of milestone-service's REST API (schedules, approvals)", 'http://127.0.0.1:3002'),
  INVOICING_API_URL: baseUrl("base URL of invoicing-service's REST API (invoices, documents, financial status)", 'http://127.0.0.1:3003'),
  COLLECTIONS_API_URL: baseUrl("base URL of collections-service's REST API (cases, payment plans, disputes)", 'http://127.0.0.1:3005'),
  PORTAL_OIDC_ISSUER: oidcIssuer(
    "the company identity provider's OpenID Connect issuer URL (discovery at /.well-known/openid-configuration); set, the sign-in page offers signing in through it; unset, only the emailed link",
  ),
  PORTAL_OIDC_CLIENT_ID: { ...text("the portal's client id at the identity provider"), optional: true },
  PORTAL_OIDC_CLIENT_SECRET: { ...text("the portal's client secret at the identity provider (client_secret_basic)"), optional: true },
  PORTAL_OIDC_SCOPE: text('the scopes the portal asks the identity provider for', 'openid email'),
  PORTAL_OIDC_RESOURCE: {
    ...text('the billing API as an RFC 8707 resource indicator, sent when the identity provider needs one to issue an access token for it'),
    optional: true,
  },
  LOG_LEVEL: oneOf('pino log level', LOG_LEVELS, 'info'),
} satisfies ConfigSchema;

export type ClientPortalConfig = ConfigOf<typeof clientPortalConfigSchema>;
