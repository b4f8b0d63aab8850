import { ConfigOf, ConfigSchema, egressAllowList, localDevelopmentOnly, positiveInteger, secretKeyring, serviceConfigSchema, text } from '@mb/platform';

export const notificationServiceConfigSchema = {
  ...serviceConfigSchema(3004, 50054),
  SMTP_URL: text('SMTP server emails are sent through, smtp://[user:password@]host:port (smtps:// for implicit TLS)', 'smtp://127.0.0.1:2525'),
  MAIL_FROM: text('From address of the emails sent', 'billing@milestone-billing.local'),
  APPROVAL_LINKS_BASE_URL: text(
    "base URL of the links in approval requests, which approve or reject through the milestone service's API (POST {base}/v1/milestones/{id}/approve)",
    'http://localhost:3002',
  ),
  WEBHOOK_RETRY_BASE_MS: positiveInteger('first wait before retrying a failed delivery; doubles each attempt, capped at one hour', 5000),
  WEBHOOK_HTTP_URLS: localDevelopmentOnly('http:// webhook URLs: refused (https only), or accepted for a local stack whose receivers have no TLS'),
  WEBHOOK_EGRESS_ALLOWED_CIDRS: egressAllowList(
    'addresses or CIDR blocks webhook deliveries may reach although they are loopback, private, link-local…; the tests allow their receivers on 127.0.0.1/32',
  ),
  WEBHOOK_SECRET_KEYS: secretKeyring('keys the webhook signing secrets are encrypted with at rest (AES-256-GCM)', {
    keyId: 'local-development',
    key: 'k/sx2AqcfUVfP0Sn8lfP9HFTRGB6GWCOh+kP/G6KPKU=',
  }),
} satisfies ConfigSchema;

export type NotificationServiceConfig = ConfigOf<typeof notificationServiceConfigSchema>;
