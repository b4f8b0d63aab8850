import { ConfigOf, ConfigRuleError, ConfigSchema, type ConfigVariable, LOG_LEVELS, oneOf, port, text } from '@mb/platform';

/**
 * An http(s) base URL without credentials, a path or a trailing slash: the portal joins paths to
 * it. Only its origin matters for PORTAL_PUBLIC_URL, which is what a browser's Origin header must equal.
 */
function baseUrl(description: string, defaultValue: string): ConfigVariable<string> {
  return {
    description,
    defaultValue,
    parse(raw) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new ConfigRuleError(`must be an http:// or https:// URL (got "${raw}")`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigRuleError(`must be an http:// or https:// URL (got "${url.protocol}")`);
      if (url.username !== '' || url.password !== '') throw new ConfigRuleError('must carry no credentials');
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
  LOG_LEVEL: oneOf('pino log level', LOG_LEVELS, 'info'),
} satisfies ConfigSchema;

export type ClientPortalConfig = ConfigOf<typeof clientPortalConfigSchema>;
