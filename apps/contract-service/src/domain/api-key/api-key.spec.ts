import { ApiKey } from './api-key';

const NOW = new Date('2026-12-04T20:00:00Z');
const HASH = 'a'.repeat(64);

function aKey(overrides: Partial<{ name: string; role: string; clientId: string | null }> = {}): ApiKey {
  return ApiKey.issue({ name: 'ERP nightly sync', role: 'finance', clientId: null, secretHash: HASH, createdBy: 'admin-1', ...overrides }, NOW);
}

describe('ApiKey', () => {
  it('is issued with an mbk_ id, its role and the hash of its secret, neither revoked nor used', () => {
    const key = aKey().snapshot();
    expect(key).toMatchObject({ kind: 'api_key', name: 'ERP nightly sync', role: 'finance', clientId: null, secretHash: HASH, createdBy: 'admin-1', revokedAt: null, lastUsedAt: null, expiresAt: null, signInLinkId: null });
    expect(key.id).toMatch(/^mbk_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it.each([
    [{ name: '  ' }, 'api_key.name_required', 'name'],
    [{ role: 'client', clientId: null }, 'api_key.client_required', 'client_id'],
    [{ role: 'finance', clientId: 'cli_01X' }, 'api_key.client_not_allowed', 'client_id'],
  ])('refuses %p with %s on %s', (overrides, code, field) => {
    expect(() => aKey(overrides)).toThrow(expect.objectContaining({ code, field }));
  });

  it('confines a client-role key to its client', () => {
    expect(aKey({ role: 'client', clientId: 'cli_01X' }).snapshot()).toMatchObject({ role: 'client', clientId: 'cli_01X' });
  });

  it('is revoked once: by whom and when are kept, a second revocation is refused', () => {
    const key = aKey();
    key.revoke('admin-2', new Date('2026-12-05T08:00:00Z'));
    expect([key.isRevoked, key.snapshot().revokedBy, key.snapshot().revokedAt]).toEqual([true, 'admin-2', new Date('2026-12-05T08:00:00Z')]);
    expect(() => key.revoke('admin-3', new Date('2026-12-05T09:00:00Z'))).toThrow(expect.objectContaining({ code: 'api_key.already_revoked', kind: 'conflict' }));
    expect(key.snapshot().revokedBy).toBe('admin-2');
  });

  it('never expires when issued without an expiry, as every key an admin makes', () => {
    const key = aKey();
    expect([key.snapshot().expiresAt, key.isAcceptedAt(new Date('2099-01-01T00:00:00Z'))]).toEqual([null, true]);
  });

  it('is refused from its expiry on, as a revoked key is', () => {
    // given a key issued for eight hours
    const expiresAt = new Date(NOW.getTime() + 8 * 3_600_000);
    const key = ApiKey.issue({ name: 'portal session ap@acme.example', role: 'client', clientId: 'cli_01X', secretHash: HASH, createdBy: 'ap@acme.example', expiresAt }, NOW);
    // then it is accepted until just before its expiry, and refused from that instant on
    expect(key.isAcceptedAt(new Date(expiresAt.getTime() - 1))).toBe(true);
    expect([key.isExpiredAt(expiresAt), key.isAcceptedAt(expiresAt)]).toEqual([true, false]);
    expect(key.snapshot().expiresAt).toEqual(expiresAt);
  });

  it('is refused once revoked, whatever its expiry', () => {
    const key = ApiKey.issue({ name: 'portal session', role: 'client', clientId: 'cli_01X', secretHash: HASH, createdBy: 'ap@acme.example', expiresAt: new Date(NOW.getTime() + 60_000) }, NOW);
    key.revoke('ap@acme.example', NOW);
    expect(key.isAcceptedAt(NOW)).toBe(false);
  });

  it('cannot be issued already expired (a bug of its issuer, not a request)', () => {
    expect(() => ApiKey.issue({ name: 'portal session', role: 'client', clientId: 'cli_01X', secretHash: HASH, createdBy: 'x', expiresAt: NOW }, NOW)).toThrow(/cannot expire/);
  });

  it('is no portal session when an admin makes it: ending it as one is refused', () => {
    const key = aKey({ role: 'client', clientId: 'cli_01X' });
    expect(key.isPortalSession).toBe(false);
    expect(() => key.endPortalSession(NOW)).toThrow(expect.objectContaining({ code: 'portal.not_a_session', kind: 'conflict' }));
    expect(key.isRevoked).toBe(false);
  });

  it('opens a portal session as a client-role key named after the person, made by its sign-in link, that ends by itself', () => {
    const expiresAt = new Date(NOW.getTime() + 3_600_000);
    const session = ApiKey.openPortalSession({ clientId: 'cli_01X', email: 'ap@acme.example', signInLinkId: 'psl_01JZ7Q8W5N2X3Y4Z5A6B7C8D9E', secretHash: HASH, expiresAt }, NOW);
    expect(session.snapshot()).toMatchObject({
      name: 'portal session ap@acme.example',
      role: 'client',
      clientId: 'cli_01X',
      createdBy: 'psl_01JZ7Q8W5N2X3Y4Z5A6B7C8D9E',
      kind: 'portal_session',
      signInLinkId: 'psl_01JZ7Q8W5N2X3Y4Z5A6B7C8D9E',
      expiresAt,
    });
    expect(session.isPortalSession).toBe(true);
    // signing out revokes it, by the session itself; a second sign-out is refused as a second revocation
    session.endPortalSession(new Date(NOW.getTime() + 60_000));
    expect([session.isRevoked, session.snapshot().revokedBy]).toEqual([true, session.id]);
    expect(() => session.endPortalSession(new Date(NOW.getTime() + 120_000))).toThrow(expect.objectContaining({ code: 'api_key.already_revoked' }));
  });

  it('records a use when never used, or last recorded a minute or more ago', () => {
    expect(aKey().useIsWorthRecording(NOW)).toBe(true);
    const used = ApiKey.restore({ ...aKey().snapshot(), lastUsedAt: NOW });
    expect(used.useIsWorthRecording(new Date(NOW.getTime() + 59_999))).toBe(false);
    expect(used.useIsWorthRecording(new Date(NOW.getTime() + 60_000))).toBe(true);
  });
});
