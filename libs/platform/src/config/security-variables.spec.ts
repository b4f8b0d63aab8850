import { readConfig } from './config-schema';
import { egressAllowList, localDevelopmentOnly, secretKeyring } from './security-variables';

describe('security configuration variables', () => {
  const developmentKey = { keyId: 'local-development', key: Buffer.alloc(32, 1).toString('base64') };
  const productionKey = `k2026:${Buffer.alloc(32, 2).toString('base64')}`;
  const schema = {
    PLAIN_HTTP: localDevelopmentOnly('plain http'),
    ALLOWED: egressAllowList('allowed blocks'),
    KEYS: secretKeyring('keys', developmentKey),
  };

  it('defaults to refusing local-development shortcuts, with no allow-list and the local-development key', () => {
    const config = readConfig(schema, {});
    expect(config.PLAIN_HTTP).toBe('refused');
    expect(config.ALLOWED).toEqual([]);
    expect(config.KEYS.currentKeyId).toBe('local-development');
  });

  it('reads what the local stack and the tests set', () => {
    const config = readConfig(schema, { PLAIN_HTTP: 'local-development', ALLOWED: '127.0.0.1/32,::1' });
    expect(config.PLAIN_HTTP).toBe('local-development');
    expect(config.ALLOWED).toEqual([
      { network: '127.0.0.1', prefix: 32, family: 'ipv4' },
      { network: '::1', prefix: 128, family: 'ipv6' },
    ]);
  });

  it.each([
    [{ PLAIN_HTTP: 'local-development' }, /^PLAIN_HTTP must be refused when NODE_ENV=production/],
    [{ ALLOWED: '127.0.0.1/32' }, /^ALLOWED must not open 127.0.0.1\/32 \(loopback\) when NODE_ENV=production/],
    [{ ALLOWED: '169.254.0.0/16' }, /^ALLOWED must not open 169.254.0.0\/16 \(metadata\)/],
    [{ KEYS: undefined }, /^KEYS must not hold the local-development key when NODE_ENV=production/],
  ])('refuses %p when NODE_ENV=production', (override, message) => {
    expect(() => readConfig(schema, { NODE_ENV: 'production', KEYS: productionKey, ...override })).toThrow(message);
  });

  it('accepts an explicit private block and its own keys in production', () => {
    const config = readConfig(schema, { NODE_ENV: 'production', ALLOWED: '10.20.0.0/16', KEYS: productionKey });
    expect(config.ALLOWED).toEqual([{ network: '10.20.0.0', prefix: 16, family: 'ipv4' }]);
    expect(config.KEYS.currentKeyId).toBe('k2026');
  });

  it.each([
    [{ PLAIN_HTTP: 'yes' }, /^PLAIN_HTTP must be one of refused, local-development/],
    [{ ALLOWED: '10.0.0.0/40' }, /^ALLOWED must be none or addresses\/CIDR blocks/],
    [{ KEYS: 'k1:c2hvcnQ=' }, /^KEYS must be id:base64key.*32 bytes/],
  ])('refuses the malformed %p naming the variable', (override, message) => {
    expect(() => readConfig(schema, override)).toThrow(message);
  });
});
