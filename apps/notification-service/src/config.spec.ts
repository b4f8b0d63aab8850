import { readConfig } from '@mb/platform';
import { notificationServiceConfigSchema } from './config';

const base = {
  DATABASE_URL: 'postgres://notification_service:s3cret@db:5432/mb',
  KAFKA_BROKERS: 'kafka:9092',
  KAFKA_SASL_USERNAME: 'notification-service',
  KAFKA_SASL_PASSWORD: 's3cret',
  AUTH_ISSUER: 'https://id.example.com/',
  AUTH_JWKS_URL: 'https://id.example.com/.well-known/jwks.json',
  WEBHOOK_SECRET_KEYS: `k2026:${Buffer.alloc(32, 2).toString('base64')}`,
};

describe("notification-service's credential for the invoicing API (invoice PDF attachments)", () => {
  it('sends none by default outside production, and the one set otherwise', () => {
    expect(readConfig(notificationServiceConfigSchema, base)).toMatchObject({ INVOICING_API_URL: 'http://127.0.0.1:3003', INVOICING_API_CREDENTIAL: undefined });
    expect(readConfig(notificationServiceConfigSchema, { ...base, INVOICING_API_CREDENTIAL: 'eyJhbGciOi.token' }).INVOICING_API_CREDENTIAL).toBe('eyJhbGciOi.token');
  });

  it('refuses to start in production without one, naming the variable', () => {
    expect(() => readConfig(notificationServiceConfigSchema, { ...base, NODE_ENV: 'production' })).toThrow(/^INVOICING_API_CREDENTIAL must be set when NODE_ENV=production/);
    expect(
      readConfig(notificationServiceConfigSchema, { ...base, NODE_ENV: 'production', INVOICING_API_CREDENTIAL: 'eyJhbGciOi.token', COLLECTIONS_API_CREDENTIAL: 'mbk_collections' })
        .INVOICING_API_CREDENTIAL,
    ).toBe('eyJhbGciOi.token');
  });
});

describe("notification-service's credential for the collections API (payment plan schedule attachments)", () => {
  it('sends none by default outside production, and the one set otherwise', () => {
    expect(readConfig(notificationServiceConfigSchema, base)).toMatchObject({ COLLECTIONS_API_URL: 'http://127.0.0.1:3005', COLLECTIONS_API_CREDENTIAL: undefined });
    expect(readConfig(notificationServiceConfigSchema, { ...base, COLLECTIONS_API_CREDENTIAL: 'mbk_collections' }).COLLECTIONS_API_CREDENTIAL).toBe('mbk_collections');
  });

  it('refuses to start in production without one, naming the variable', () => {
    expect(() => readConfig(notificationServiceConfigSchema, { ...base, NODE_ENV: 'production', INVOICING_API_CREDENTIAL: 'eyJhbGciOi.token' })).toThrow(
      /COLLECTIONS_API_CREDENTIAL must be set when NODE_ENV=production/,
    );
  });
});
