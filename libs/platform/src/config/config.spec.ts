import { readConfig } from './config-schema';
import { serviceConfigSchema } from './service-config';

describe('service configuration', () => {
  const schema = serviceConfigSchema(3001, 50051);
  const valid = {
    DATABASE_URL: 'postgres://contract_service:secret@127.0.0.1:5432/milestone_billing',
    KAFKA_BROKERS: '127.0.0.1:9092,kafka:9092',
    KAFKA_SASL_USERNAME: 'contract-service',
    KAFKA_SASL_PASSWORD: 'secret',
    AUTH_ISSUER: 'https://idp.acme.example',
    AUTH_JWKS_URL: 'https://idp.acme.example/.well-known/jwks.json',
  };

  it('reads a valid environment and fills the defaults', () => {
    const config = readConfig(schema, valid);
    expect(config).toEqual({
      HTTP_PORT: 3001,
      GRPC_PORT: 50051,
      HTTP_HOST: '127.0.0.1',
      DATABASE_URL: valid.DATABASE_URL,
      MIGRATION_DATABASE_URL: undefined,
      KAFKA_BROKERS: ['127.0.0.1:9092', 'kafka:9092'],
      KAFKA_SASL_USERNAME: 'contract-service',
      KAFKA_SASL_PASSWORD: 'secret',
      KAFKA_TLS: 'disabled',
      LOG_LEVEL: 'info',
      IDEMPOTENCY_LEASE_SECONDS: 30,
      IDEMPOTENCY_RETENTION_HOURS: 24,
      RATE_LIMIT_MAX: 100,
      RATE_LIMIT_ADDRESS_MAX: 300,
      RATE_LIMIT_WINDOW_SECONDS: 1,
      CLOCK_CONTROL: 'disabled',
      AUTH_ISSUER: 'https://idp.acme.example',
      AUTH_JWKS_URL: { kind: 'remote', url: new URL('https://idp.acme.example/.well-known/jwks.json') },
      AUTH_AUDIENCE: 'milestone-billing-api',
      AUTH_CLOCK_SKEW_SECONDS: 30,
      API_KEY_SERVICE_URL: undefined,
      API_KEY_CACHE_SECONDS: 10,
    });
  });

  it.each([
    [{ DATABASE_URL: undefined }, /^DATABASE_URL is required/],
    [{ DATABASE_URL: 'mysql://u@h/db' }, /^DATABASE_URL must use the postgres:\/\/ scheme/],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL must be a URL/],
    [{ DATABASE_URL: 'postgres://127.0.0.1:5432/' }, /^DATABASE_URL must name a user, a host and a database/],
    [{ MIGRATION_DATABASE_URL: 'mysql://u@h/db' }, /^MIGRATION_DATABASE_URL must use the postgres:\/\/ scheme/],
    [{ KAFKA_BROKERS: 'localhost' }, /^KAFKA_BROKERS must be a comma-separated list of host:port/],
    [{ KAFKA_SASL_USERNAME: undefined }, /^KAFKA_SASL_USERNAME is required/],
    [{ KAFKA_SASL_PASSWORD: undefined }, /^KAFKA_SASL_PASSWORD is required/],
    [{ KAFKA_TLS: 'yes' }, /^KAFKA_TLS must be one of disabled, enabled/],
    [{ HTTP_PORT: '70000' }, /^HTTP_PORT must be a port number/],
    [{ GRPC_PORT: '0' }, /^GRPC_PORT must be a port number/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of/],
    [{ API_KEY_SERVICE_URL: 'ftp://contract-service' }, /^API_KEY_SERVICE_URL must be an http:\/\/ or https:\/\/ URL/],
    [{ API_KEY_SERVICE_URL: 'https://user:pw@contract-service' }, /^API_KEY_SERVICE_URL must carry no credentials/],
    [{ API_KEY_CACHE_SECONDS: '301' }, /^API_KEY_CACHE_SECONDS must be a whole number of seconds from 0 to 300/],
  ])('refuses %p naming the variable and the rule', (override, message) => {
    // given an environment with one bad variable
    const environment = { ...valid, ...override };
    // when it is read, then the error names the variable first
    expect(() => readConfig(schema, environment)).toThrow(message);
  });

  it('never repeats a database password in an error', () => {
    const environment = { ...valid, DATABASE_URL: 'mysql://user:hunter2@host/db' };
    expect(() => readConfig(schema, environment)).toThrow(/^(?!.*hunter2)/);
  });
});
