import { ConfigOf, ConfigRuleError, ConfigSchema, type ConfigVariable, httpUrlOf, integerBetween, serviceConfigSchema, smtpConfigSchema } from '@mb/platform';
import { UTC_TIME_ZONE } from '@mb/kernel';
import { isClientTimeZone } from './domain/client/client';
import { PORTAL_SESSION_TTL_SECONDS, SIGN_IN_LINK_TTL_SECONDS } from './domain/portal-sign-in/sign-in-link';
import { PORTAL_SESSION_RETENTION_DAYS } from './domain/portal-sign-in/sign-in-retention.policy';

/** An IANA time-zone name the runtime knows, checked at start so a typo never reaches a client. */
function timeZone(description: string, defaultValue: string): ConfigVariable<string> {
  return {
    description,
    defaultValue,
    parse(raw) {
      if (!isClientTimeZone(raw)) throw new ConfigRuleError(`must be an IANA time zone such as America/Los_Angeles or UTC (got "${raw}")`);
      return raw;
    },
  };
}

/**
 * The client portal's public base URL, which sign-in links point at. The link carries a
 * credential, so production sends it over https:// only (http:// only to a loopback host, the
 * portal on the machine the person uses, as in the compose stack); a URL with a query or fragment would
 * make the link ambiguous, and one with a user and password would put them in every email.
 */
function portalPublicUrl(description: string): ConfigVariable<URL | undefined> {
  return {
    description,
    optional: true,
    parse(raw, environment) {
      const httpsUnlessLoopback = environment.NODE_ENV === 'production' ? { because: 'when NODE_ENV=production: the sign-in links it makes are credentials' } : undefined;
      return httpUrlOf(raw, { httpsUnlessLoopback, bare: true });
    },
  };
}

export const contractServiceConfigSchema = {
  ...serviceConfigSchema(3001, 50051),
  DEFAULT_CLIENT_TIME_ZONE: timeZone("The IANA time zone of a client registered without one: its business dates are calendar dates there.", UTC_TIME_ZONE),
  ...smtpConfigSchema(),
  PORTAL_PUBLIC_URL: portalPublicUrl(
    "the client portal's public base URL: sign-in links emailed to client contacts are {base}/sign-in?token=…; unset: POST /v1/portal/sign-in-links answers 503 portal.sign_in_unavailable",
  ),
  PORTAL_SIGN_IN_LINK_TTL_SECONDS: integerBetween(
    'how long an emailed sign-in link to the client portal can be used, in seconds (it works once)',
    SIGN_IN_LINK_TTL_SECONDS.minimum,
    SIGN_IN_LINK_TTL_SECONDS.maximum,
    SIGN_IN_LINK_TTL_SECONDS.default,
  ),
  PORTAL_SESSION_TTL_SECONDS: integerBetween(
    'how long a client portal session (the client-role API key a sign-in link opens) lasts, in seconds',
    PORTAL_SESSION_TTL_SECONDS.minimum,
    PORTAL_SESSION_TTL_SECONDS.maximum,
    PORTAL_SESSION_TTL_SECONDS.default,
  ),
  PORTAL_SESSION_RETENTION_DAYS: integerBetween(
    'how many days an ended client portal session (expired, signed out or revoked) is kept, listed by GET /v1/api-keys?include_ended=true, before the hourly housekeeping deletes it',
    PORTAL_SESSION_RETENTION_DAYS.minimum,
    PORTAL_SESSION_RETENTION_DAYS.maximum,
    PORTAL_SESSION_RETENTION_DAYS.default,
  ),
} satisfies ConfigSchema;

export type ContractServiceConfig = ConfigOf<typeof contractServiceConfigSchema>;
