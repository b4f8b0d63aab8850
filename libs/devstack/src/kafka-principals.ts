import type { SASLOptions } from 'kafkajs';
import { LOCAL_SERVICES } from './local-services';

/** A SCRAM-SHA-512 user of the broker. */
export interface KafkaCredentials {
  readonly username: string;
  readonly password: string;
}

/** The super user that creates topics and ACLs, and that tools and tests connect as. */
export const KAFKA_ADMIN_PRINCIPAL = 'admin';

/**
 * A principal's local credentials: the username is the principal (a service's name, or `admin`),
 * the password is KAFKA_<PRINCIPAL>_PASSWORD (e.g. KAFKA_INVOICING_SERVICE_PASSWORD) when set, and
 * the principal's name otherwise. The environment always wins over the local default.
 */
export function kafkaCredentialsOf(principal: string, environment: NodeJS.ProcessEnv = process.env): KafkaCredentials {
  const variable = `KAFKA_${principal.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_PASSWORD`;
  return { username: principal, password: environment[variable] ?? principal };
}

/** Every principal the local broker knows: the admin and one per service. */
export function localKafkaPrincipals(environment: NodeJS.ProcessEnv = process.env): KafkaCredentials[] {
  return [KAFKA_ADMIN_PRINCIPAL, ...LOCAL_SERVICES.map((service) => service.name)].map((principal) => kafkaCredentialsOf(principal, environment));
}

/** kafkajs's SASL options for a principal. */
export function scramSasl(credentials: KafkaCredentials): SASLOptions {
  return { mechanism: 'scram-sha-512', username: credentials.username, password: credentials.password };
}

/** What a service's KAFKA_SASL_* variables are for its principal. */
export function serviceKafkaEnvironment(serviceName: string, environment: NodeJS.ProcessEnv = process.env): Record<'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD', string> {
  const credentials = kafkaCredentialsOf(serviceName, environment);
  return { KAFKA_SASL_USERNAME: credentials.username, KAFKA_SASL_PASSWORD: credentials.password };
}
