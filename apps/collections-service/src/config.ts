import { ConfigOf, ConfigRuleError, ConfigSchema, type ConfigVariable, positiveInteger, serviceConfigSchema, text } from '@mb/platform';

/**
 * The bearer credential collections-service presents to the other services' APIs when it builds a
 * case file and records an agency's recovery as a payment: a `service`-role access token (JWT) or
 * an API key. `none`, the default, sends none (the APIs then refuse and a hand-off fails with 503
 * `case_file.source_unavailable`); the local stack and the end-to-end tests mint a local-issuer
 * token, and NODE_ENV=production requires one.
 */
function serviceApiCredential(description: string): ConfigVariable<string | undefined> {
  return {
    description: `${description} (none by default; NODE_ENV=production requires it)`,
    defaultValue: 'none',
    parse(raw, environment) {
      if (raw !== 'none') return raw.trim();
      if (environment.NODE_ENV === 'production') throw new ConfigRuleError('must be set when NODE_ENV=production: a service-role token or API key, for the case file and agency recoveries');
      return undefined;
    },
  };
}

export const collectionsServiceConfigSchema = {
  ...serviceConfigSchema(3005, 50055),
  CONTRACT_API_URL: text("base URL of contract-service's REST API: the contracts put into an agency case file (GET {base}/v1/contracts/{id})", 'http://127.0.0.1:3001'),
  MILESTONE_API_URL: text("base URL of milestone-service's REST API: the schedule, approvals and evidence put into a case file (GET {base}/v1/contracts/{id}/milestones)", 'http://127.0.0.1:3002'),
  INVOICING_API_URL: text(
    "base URL of invoicing-service's REST API: invoices, credit notes (JSON and PDF) and payments for a case file, and where an agency's recovery is recorded as a payment (POST {base}/v1/payments)",
    'http://127.0.0.1:3003',
  ),
  NOTIFICATION_API_URL: text("base URL of notification-service's REST API: the messages sent to the client, for a case file (GET {base}/v1/deliveries)", 'http://127.0.0.1:3004'),
  SERVICE_API_CREDENTIAL: serviceApiCredential('the bearer credential (Authorization: Bearer …) collections-service presents to the contract, milestone, invoicing and notification APIs'),
  SERVICE_API_TIMEOUT_MS: positiveInteger('how long one call to another service may take before it fails (the hand-off or recovery is then refused with 503, to retry)', 10_000),
} satisfies ConfigSchema;

export type CollectionsServiceConfig = ConfigOf<typeof collectionsServiceConfigSchema>;
