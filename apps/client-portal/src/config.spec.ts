import { InvalidConfigError, readConfig } from '@mb/platform';
import { clientPortalConfigSchema } from './config';

describe('the client portal configuration', () => {
  it('runs locally with nothing set: port 3010 and the services on their local ports', () => {
    const config = readConfig(clientPortalConfigSchema, {});
    expect(config).toMatchObject({
      PORTAL_HTTP_PORT: 3010,
      PORTAL_PUBLIC_URL: 'http://127.0.0.1:3010',
      CONTRACT_API_URL: 'http://127.0.0.1:3001',
      COLLECTIONS_API_URL: 'http://127.0.0.1:3005',
    });
  });

  it('drops a trailing slash, so that paths join cleanly', () => {
    expect(readConfig(clientPortalConfigSchema, { PORTAL_PUBLIC_URL: 'https://portal.example.com/' }).PORTAL_PUBLIC_URL).toBe('https://portal.example.com');
  });

  it.each([
    [{ PORTAL_PUBLIC_URL: 'portal.example.com' }, /^PORTAL_PUBLIC_URL must be an http:\/\/ or https:\/\/ URL/],
    [{ CONTRACT_API_URL: 'ftp://contract-service' }, /^CONTRACT_API_URL must be an http:\/\/ or https:\/\/ URL/],
    [{ INVOICING_API_URL: 'http://user:pw@invoicing-service:3003' }, /^INVOICING_API_URL must carry no credentials/],
    [{ PORTAL_HTTP_PORT: '70000' }, /^PORTAL_HTTP_PORT must be a port number/],
    [{ PORTAL_OIDC_ISSUER: 'https://id.acme.example' }, /^PORTAL_OIDC_ISSUER needs PORTAL_OIDC_CLIENT_ID too/],
    [{ PORTAL_OIDC_ISSUER: 'https://id.acme.example', PORTAL_OIDC_CLIENT_ID: 'portal' }, /^PORTAL_OIDC_ISSUER needs PORTAL_OIDC_CLIENT_SECRET too/],
    [{ PORTAL_OIDC_ISSUER: 'http://id.acme.example', PORTAL_OIDC_CLIENT_ID: 'portal', PORTAL_OIDC_CLIENT_SECRET: 's' }, /^PORTAL_OIDC_ISSUER must be https:\/\/ for an identity provider \(http:\/\/ only on a loopback host\)/],
  ])('refuses %j, naming the variable', (environment, message) => {
    expect(() => readConfig(clientPortalConfigSchema, environment)).toThrow(InvalidConfigError);
    expect(() => readConfig(clientPortalConfigSchema, environment)).toThrow(message);
  });

  it('signs in by emailed link only unless an identity provider is named with its client id and secret', () => {
    expect(readConfig(clientPortalConfigSchema, {}).PORTAL_OIDC_ISSUER).toBeUndefined();
    const withProvider = readConfig(clientPortalConfigSchema, { PORTAL_OIDC_ISSUER: 'http://127.0.0.1:8080/', PORTAL_OIDC_CLIENT_ID: 'portal', PORTAL_OIDC_CLIENT_SECRET: 's' });
    expect(withProvider).toMatchObject({ PORTAL_OIDC_ISSUER: 'http://127.0.0.1:8080', PORTAL_OIDC_SCOPE: 'openid email', PORTAL_OIDC_RESOURCE: undefined });
  });
});
