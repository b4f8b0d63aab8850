import { EgressPolicy, parseAddressBlock } from './egress-address-policy';
import { EgressRefusedError, egressFailureReasonOf, verdictOnHost } from './guarded-request';

describe('EgressPolicy', () => {
  const policy = new EgressPolicy();

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['fc00::1', 'private'],
    ['fdff:ffff::1', 'private'],
    ['::ffff:192.168.0.1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['169.254.0.1', 'link_local'],
    ['fe80::1', 'link_local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['64:ff9b::a00:5', 'reserved'],
    ['2002:a00:5::1', 'reserved'],
  ])('refuses %s as %s', (address, rule) => {
    expect(policy.refusalOf(address)).toBe(rule);
  });

  it.each(['203.0.113.10', '8.8.8.8', '100.63.255.255', '100.128.0.0', '172.32.0.1', '2001:db8::1', '2606:4700::1111', '::ffff:8.8.8.8'])('lets %s through', (address) => {
    expect(policy.refusalOf(address)).toBeNull();
  });

  it('lets through what the allow-list names, and nothing next to it', () => {
    const allowing = new EgressPolicy([parseAddressBlock('127.0.0.1/32'), parseAddressBlock('10.20.0.0/16')]);
    expect(allowing.refusalOf('127.0.0.1')).toBeNull();
    expect(allowing.refusalOf('10.20.3.4')).toBeNull();
    expect(allowing.refusalOf('127.0.0.2')).toBe('loopback');
    expect(allowing.refusalOf('10.21.0.1')).toBe('private');
  });

  it('says which refused range an allow-list entry would open', () => {
    expect(EgressPolicy.ruleCovering(parseAddressBlock('127.0.0.1'), ['loopback', 'metadata'])).toBe('loopback');
    expect(EgressPolicy.ruleCovering(parseAddressBlock('169.254.0.0/16'), ['loopback', 'metadata'])).toBe('metadata');
    expect(EgressPolicy.ruleCovering(parseAddressBlock('0.0.0.0/0'), ['metadata'])).toBe('metadata');
    expect(EgressPolicy.ruleCovering(parseAddressBlock('10.20.0.0/16'), ['loopback', 'metadata', 'unspecified'])).toBeNull();
  });

  it.each(['10.0.0.0/33', 'not-an-address', '10.0.0.0/8/1', 'fd00::/129', '10.0.0.0/x'])('refuses the block %s', (text) => {
    expect(() => parseAddressBlock(text)).toThrow(/not an address|prefix outside/);
  });
});

describe('verdictOnHost', () => {
  const policy = new EgressPolicy();
  const table = (entries: Record<string, string[]>) => async (hostname: string) => {
    const addresses = entries[hostname];
    if (!addresses) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

  it('refuses localhost names as loopback without asking the resolver', async () => {
    const nothing = table({});
    expect(await verdictOnHost('localhost', nothing, policy)).toEqual({ allowed: false, reason: 'destination_refused', rule: 'loopback' });
    expect(await verdictOnHost('api.localhost.', nothing, policy)).toEqual({ allowed: false, reason: 'destination_refused', rule: 'loopback' });
  });

  it('refuses a name when any of its addresses is refused, and allows one whose addresses all pass', async () => {
    const resolver = table({ 'split.example': ['203.0.113.1', '10.0.0.1'], 'erp.example': ['203.0.113.1', '2001:db8::1'] });
    expect(await verdictOnHost('split.example', resolver, policy)).toEqual({ allowed: false, reason: 'destination_refused', rule: 'private' });
    expect(await verdictOnHost('erp.example', resolver, policy)).toEqual({ allowed: true, addresses: [{ address: '203.0.113.1', family: 4 }, { address: '2001:db8::1', family: 6 }] });
  });

  it('calls a name that resolves to nothing unresolved', async () => {
    expect(await verdictOnHost('nowhere.example', table({}), policy)).toEqual({ allowed: false, reason: 'dns_unresolved' });
    expect(await verdictOnHost('empty.example', table({ 'empty.example': [] }), policy)).toEqual({ allowed: false, reason: 'dns_unresolved' });
  });
});

describe('egressFailureReasonOf', () => {
  const failure = (code: string, message = `connect ${code} 10.0.0.5:5432`) => Object.assign(new Error(message), { code });

  it.each([
    [new EgressRefusedError('metadata'), 'destination_refused'],
    [failure('ECONNREFUSED'), 'connection_refused'],
    [failure('ECONNRESET'), 'connection_reset'],
    [failure('ETIMEDOUT'), 'timeout'],
    [Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }), 'timeout'],
    [failure('ENOTFOUND'), 'dns_unresolved'],
    [failure('EAI_AGAIN'), 'dns_unresolved'],
    [failure('EHOSTUNREACH'), 'network_unreachable'],
    [failure('CERT_HAS_EXPIRED'), 'tls_error'],
    [failure('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls_error'],
    [failure('ERR_TLS_CERT_ALTNAME_INVALID'), 'tls_error'],
    [new AggregateError([failure('ECONNREFUSED'), failure('ECONNREFUSED')]), 'connection_refused'],
    [new Error('something else at 10.0.0.5'), 'request_failed'],
  ])('names %s %s', (error, reason) => {
    expect(egressFailureReasonOf(error)).toBe(reason);
  });
});
