import { ConfigSchema } from './config-schema';
import { brokerList, nonNegativeInteger, oneOf, optionalPostgresUrl, port, positiveInteger, postgresUrl, text } from './config-variables';
import { authConfigSchema } from '../auth/auth-config';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

/** The variables every service reads; a service adds its own to these. */
export function serviceConfigSchema(defaultHttpPort: number, defaultGrpcPort: number) {
  return {
    HTTP_PORT: port('port the REST API, health and metrics listen on', defaultHttpPort),
    GRPC_PORT: port('port the gRPC API listens on', defaultGrpcPort),
    HTTP_HOST: text('address the HTTP and gRPC servers bind to', '127.0.0.1'),
    DATABASE_URL: postgresUrl("the service's runtime role (DML on its own tables only) and database"),
    MIGRATION_DATABASE_URL: optionalPostgresUrl(
      "the schema owner's role: when set, migrations (and pg-boss's tables) are applied with it at start; when not, the service refuses to start on a schema with pending migrations",
    ),
    KAFKA_BROKERS: brokerList('Kafka bootstrap brokers, host:port[,host:port]'),
    KAFKA_SASL_USERNAME: text("the service's own Kafka user (SASL/SCRAM-SHA-512), e.g. invoicing-service"),
    KAFKA_SASL_PASSWORD: text("that Kafka user's password"),
    KAFKA_TLS: oneOf('enabled connects to Kafka over TLS (SASL_SSL), as a multi-broker cluster should be reached', ['disabled', 'enabled'] as const, 'disabled'),
    LOG_LEVEL: oneOf('pino log level', LOG_LEVELS, 'info'),
    IDEMPOTENCY_LEASE_SECONDS: positiveInteger('seconds a request may hold its Idempotency-Key without the database hearing from it; past them its transaction is ended and the key is free', 30),
    IDEMPOTENCY_RETENTION_HOURS: positiveInteger('hours an Idempotency-Key and its first answer are kept before they are purged', 24),
    RATE_LIMIT_MAX: nonNegativeInteger('requests one authenticated caller may make per window (per instance); 0 turns the per-caller limit off', 100),
    RATE_LIMIT_ADDRESS_MAX: nonNegativeInteger('requests one client address may make per window, counted before any token is checked (per instance); 0 turns the per-address limit off', 300),
    RATE_LIMIT_WINDOW_SECONDS: positiveInteger('the rate-limit window in seconds', 1),
    CLOCK_CONTROL: oneOf('enabled mounts PUT /v1/test-clock to move time forward (tests and demos only)', ['disabled', 'enabled'] as const, 'disabled'),
    ...authConfigSchema(),
  } satisfies ConfigSchema;
}
