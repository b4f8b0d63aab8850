import { ConfigOf, ConfigRuleError, ConfigSchema, type ConfigVariable, serviceConfigSchema } from '@mb/platform';
import { UTC_TIME_ZONE } from '@mb/kernel';
import { isClientTimeZone } from './domain/client/client';

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

export const contractServiceConfigSchema = {
  ...serviceConfigSchema(3001, 50051),
  DEFAULT_CLIENT_TIME_ZONE: timeZone("The IANA time zone of a client registered without one: its business dates are calendar dates there.", UTC_TIME_ZONE),
} satisfies ConfigSchema;

export type ContractServiceConfig = ConfigOf<typeof contractServiceConfigSchema>;
