import { type ConfigOf, ConfigRuleError, type ConfigSchema, type ConfigVariable, serviceConfigSchema } from '@mb/platform';

/** Shortest secret accepted: GitHub and Jira generate or take any string, so a guessable one is refused here. */
const MIN_WEBHOOK_SECRET_LENGTH = 16;

/**
 * The shared secret a work tracker signs its webhook deliveries with. The default is for local
 * development and the tests, refused when NODE_ENV=production; `none` turns the endpoint off (it
 * answers 503 inbound.not_configured), for a deployment that does not use that tracker.
 */
function inboundWebhookSecret(description: string, localDevelopmentDefault: string): ConfigVariable<string | undefined> {
  return {
    description: `${description}; at least ${MIN_WEBHOOK_SECRET_LENGTH} characters (openssl rand -hex 32), or none to turn the endpoint off. The default is for local development and refused when NODE_ENV=production`,
    defaultValue: localDevelopmentDefault,
    parse(raw, environment) {
      if (raw === 'none') return undefined;
      if (raw === localDevelopmentDefault && environment.NODE_ENV === 'production') {
        throw new ConfigRuleError('must be set to a generated secret (or none) when NODE_ENV=production');
      }
      if (raw.length < MIN_WEBHOOK_SECRET_LENGTH) throw new ConfigRuleError(`must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters`);
      return raw;
    },
  };
}

export const milestoneServiceConfigSchema = {
  ...serviceConfigSchema(3002, 50052),
  MB_GITHUB_WEBHOOK_SECRET: inboundWebhookSecret(
    'the secret GitHub signs webhook deliveries to POST /v1/inbound/github with (X-Hub-Signature-256), as set on the repository or organisation webhook',
    'local-development-github-webhook-secret',
  ),
  MB_JIRA_WEBHOOK_SECRET: inboundWebhookSecret(
    'the secret Jira signs webhook deliveries to POST /v1/inbound/jira with (X-Hub-Signature), as set on the Jira admin webhook',
    'local-development-jira-webhook-secret',
  ),
} satisfies ConfigSchema;

export type MilestoneServiceConfig = ConfigOf<typeof milestoneServiceConfigSchema>;
