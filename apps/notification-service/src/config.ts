import { ConfigOf, ConfigRuleError, ConfigSchema, type ConfigVariable, egressAllowList, httpUrlOf, localDevelopmentOnly, positiveInteger, secretKeyring, serviceConfigSchema, smtpConfigSchema, text } from '@mb/platform';

/**
 * The bearer credential notification-service presents to invoicing-service when it fetches a
 * document to attach: a `service`-role access token (JWT) or an API key. `none`, the default, sends
 * none (invoicing then refuses the fetch and the email waits on its retries); the local stack and
 * the end-to-end tests mint a local-issuer token instead, and NODE_ENV=production requires one.
 */
function documentApiCredential(description: string, api = 'the invoicing API, which invoice emails attach the PDF from'): ConfigVariable<string | undefined> {
  return {
    description: `${description} (none by default; NODE_ENV=production requires it)`,
    defaultValue: 'none',
    parse(raw, environment) {
      if (raw !== 'none') return raw.trim();
      if (environment.NODE_ENV === 'production') throw new ConfigRuleError(`must be set when NODE_ENV=production: a service-role token or API key for ${api}`);
      return undefined;
    },
  };
}

function portalPublicUrl(description: string): ConfigVariable<URL | undefined> {
  return { description, optional: true, parse: (raw) => httpUrlOf(raw, { bare: true }) };
}

export const notificationServiceConfigSchema = {
  ...serviceConfigSchema(3004, 50054),
  ...smtpConfigSchema(),
  APPROVAL_LINKS_BASE_URL: text(
    "base URL of the links in approval requests, which approve or reject through the milestone service's API (POST {base}/v1/milestones/{id}/approve)",
    'http://localhost:3002',
  ),
  PORTAL_PUBLIC_URL: portalPublicUrl("the client portal's public URL: approval requests link to its Awaiting approval page as well as naming the API calls; unset, the API calls only"),
  WEBHOOK_RETRY_BASE_MS: positiveInteger('first wait before retrying a failed delivery; doubles each attempt, capped at one hour', 5000),
  DELIVERY_CONCURRENCY: positiveInteger('deliveries (emails and webhooks) an instance sends at once, all endpoints together', 64),
  DELIVERY_CONCURRENCY_PER_ENDPOINT: positiveInteger(
    'deliveries an instance sends at once to one endpoint (a webhook URL host, or the SMTP relay, which keeps as many pooled connections)',
    8,
  ),
  DELIVERY_LEASE_MS: positiveInteger(
    "how long a delivery's claim lasts unless renewed (every third of it while the send runs): after a crash, another instance takes the delivery over that much later",
    30_000,
  ),
  WEBHOOK_CONNECT_TIMEOUT_MS: positiveInteger('how long connecting to a webhook receiver may take before the attempt fails (and is retried)', 3_000),
  WEBHOOK_TIMEOUT_MS: positiveInteger('how long a webhook attempt may take in all (connect, send, answer) before it fails (and is retried)', 10_000),
  WEBHOOK_HTTP_URLS: localDevelopmentOnly('http:// webhook URLs: refused (https only), or accepted for a local stack whose receivers have no TLS'),
  WEBHOOK_EGRESS_ALLOWED_CIDRS: egressAllowList(
    'addresses or CIDR blocks webhook deliveries may reach although they are loopback, private, link-local…; the tests allow their receivers on 127.0.0.1/32',
  ),
  WEBHOOK_SECRET_KEYS: secretKeyring('keys the webhook signing secrets are encrypted with at rest (AES-256-GCM)', {
    keyId: 'local-development',
    key: 'k/sx2AqcfUVfP0Sn8lfP9HFTRGB6GWCOh+kP/G6KPKU=',
  }),
  INVOICING_API_URL: text("base URL of invoicing-service's REST API, which the PDFs attached to invoice and credit-note emails are fetched from (GET {base}/v1/invoices/{id}/pdf, {base}/v1/credit-notes/{id}/pdf)", 'http://127.0.0.1:3003'),
  INVOICING_API_CREDENTIAL: documentApiCredential("the bearer credential (Authorization: Bearer …) for invoicing-service's API: a service-role JWT or an API key"),
  COLLECTIONS_API_URL: text(
    "base URL of collections-service's REST API, which the schedule PDF attached to payment plan emails is fetched from (GET {base}/v1/payment-plans/{id}/schedule.pdf)",
    'http://127.0.0.1:3005',
  ),
  COLLECTIONS_API_CREDENTIAL: documentApiCredential(
    "the bearer credential (Authorization: Bearer …) for collections-service's API: a service-role JWT or an API key",
    'the collections API, which payment plan emails attach the schedule PDF from',
  ),
  DOCUMENT_FETCH_TIMEOUT_MS: positiveInteger('how long fetching a document to attach may take before the attempt fails (and is retried)', 10_000),
} satisfies ConfigSchema;

export type NotificationServiceConfig = ConfigOf<typeof notificationServiceConfigSchema>;
