import { readConfig } from '@mb/platform';
import { contractServiceConfigSchema } from './config';

describe("contract-service's client portal sign-in settings", () => {
  const base = {
    DATABASE_URL: 'postgres://contract_service:secret@127.0.0.1:5432/milestone_billing',
    KAFKA_BROKERS: '127.0.0.1:9092',
    KAFKA_SASL_USERNAME: 'contract-service',
    KAFKA_SASL_PASSWORD: 'secret',
    AUTH_ISSUER: 'https://idp.acme.example',
    AUTH_JWKS_URL: 'https://idp.acme.example/.well-known/jwks.json',
  };

  it('has no portal unless one is configured, links valid 15 minutes, sessions of 8 hours kept 30 days after they end, and the mail relay of notification-service', () => {
    expect(readConfig(contractServiceConfigSchema, base)).toMatchObject({
      PORTAL_PUBLIC_URL: undefined,
      PORTAL_SIGN_IN_LINK_TTL_SECONDS: 900,
      PORTAL_SESSION_TTL_SECONDS: 28_800,
      PORTAL_SESSION_RETENTION_DAYS: 30,
      SMTP_URL: 'smtp://127.0.0.1:2525',
      MAIL_FROM: 'billing@milestone-billing.local',
    });
  });

  it('keeps ended portal sessions as many days as configured', () => {
    expect(readConfig(contractServiceConfigSchema, { ...base, PORTAL_SESSION_RETENTION_DAYS: '3650' }).PORTAL_SESSION_RETENTION_DAYS).toBe(3650);
  });

  it.each([
    [{ PORTAL_PUBLIC_URL: 'https://portal.acme.example/billing' }, 'https://portal.acme.example/billing'],
    [{ PORTAL_PUBLIC_URL: 'http://127.0.0.1:3010', NODE_ENV: 'production' }, 'http://127.0.0.1:3010/'],
  ])('reads %p', (environment, href) => {
    expect(readConfig(contractServiceConfigSchema, { ...base, ...environment }).PORTAL_PUBLIC_URL?.href).toBe(href);
  });

  it.each([
    [{ PORTAL_PUBLIC_URL: 'http://portal.acme.example', NODE_ENV: 'production' }, /^PORTAL_PUBLIC_URL must be https:\/\/ when NODE_ENV=production/],
    [{ PORTAL_PUBLIC_URL: 'ftp://portal.acme.example' }, /^PORTAL_PUBLIC_URL must be an http:\/\/ or https:\/\/ URL/],
    [{ PORTAL_PUBLIC_URL: 'https://user:pw@portal.acme.example' }, /^PORTAL_PUBLIC_URL must carry no credentials/],
    [{ PORTAL_PUBLIC_URL: 'https://portal.acme.example/?next=1' }, /^PORTAL_PUBLIC_URL must have no query or fragment/],
    [{ PORTAL_SIGN_IN_LINK_TTL_SECONDS: '59' }, /^PORTAL_SIGN_IN_LINK_TTL_SECONDS must be a whole number from 60 to 3600/],
    [{ PORTAL_SIGN_IN_LINK_TTL_SECONDS: '3601' }, /^PORTAL_SIGN_IN_LINK_TTL_SECONDS must be a whole number from 60 to 3600/],
    [{ PORTAL_SESSION_TTL_SECONDS: '299' }, /^PORTAL_SESSION_TTL_SECONDS must be a whole number from 300 to 86400/],
    [{ PORTAL_SESSION_TTL_SECONDS: '86401' }, /^PORTAL_SESSION_TTL_SECONDS must be a whole number from 300 to 86400/],
    [{ PORTAL_SESSION_RETENTION_DAYS: '0' }, /^PORTAL_SESSION_RETENTION_DAYS must be a whole number from 1 to 3650/],
    [{ PORTAL_SESSION_RETENTION_DAYS: '3651' }, /^PORTAL_SESSION_RETENTION_DAYS must be a whole number from 1 to 3650/],
  ])('refuses %p', (environment, message) => {
    expect(() => readConfig(contractServiceConfigSchema, { ...base, ...environment })).toThrow(message);
  });
});
