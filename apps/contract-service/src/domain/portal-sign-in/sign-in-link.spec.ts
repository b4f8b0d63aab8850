import { normalizedAddress, SignInLink } from './sign-in-link';

const NOW = new Date('2026-12-04T20:00:00Z');
const LINK_HASH = 'b'.repeat(64);
const SESSION_HASH = 'c'.repeat(64);

function aLink(overrides: Partial<{ email: string; ttlSeconds: number }> = {}): SignInLink {
  return SignInLink.issue({ clientId: 'cli_01X', email: 'ap@acme.example', secretHash: LINK_HASH, ttlSeconds: 900, ...overrides }, NOW);
}

const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe('SignInLink', () => {
  it('is issued with a psl_ id for one client and address, the hash of its secret, valid for its time, unused', () => {
    const link = aLink({ email: '  AP@Acme.Example ' }).snapshot();
    expect(link).toMatchObject({ clientId: 'cli_01X', email: 'ap@acme.example', secretHash: LINK_HASH, createdAt: NOW, expiresAt: later(900), usedAt: null });
    expect(link.id).toMatch(/^psl_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it.each([59, 3601, 0, 90.5])('cannot be issued valid for %p seconds (a minute to an hour)', (ttlSeconds) => {
    expect(() => aLink({ ttlSeconds })).toThrow(/valid 60 to 3600 seconds/);
  });

  it('opens a portal session once: a client-role key for its client, named after the person, expiring after the session time', () => {
    // given a link sent to the AP contact
    const link = aLink();
    // when it is redeemed five minutes later
    const session = link.redeem({ sessionSecretHash: SESSION_HASH, sessionTtlSeconds: 28_800 }, later(300));
    // then it is used, and the session is the client's key for eight hours
    expect(link.snapshot().usedAt).toEqual(later(300));
    expect(session.snapshot()).toMatchObject({
      name: 'portal session ap@acme.example',
      role: 'client',
      clientId: 'cli_01X',
      secretHash: SESSION_HASH,
      signInLinkId: link.id,
      createdAt: later(300),
      expiresAt: later(300 + 28_800),
    });
    // and a second redemption is refused, the first one's time kept
    expect(() => link.redeem({ sessionSecretHash: SESSION_HASH, sessionTtlSeconds: 28_800 }, later(301))).toThrow(expect.objectContaining({ code: 'portal.sign_in_link_used' }));
    expect(link.snapshot().usedAt).toEqual(later(300));
  });

  it('opens nothing from its expiry on', () => {
    const link = aLink();
    expect(link.isExpiredAt(later(899))).toBe(false);
    expect(link.isExpiredAt(later(900))).toBe(true);
    expect(() => link.redeem({ sessionSecretHash: SESSION_HASH, sessionTtlSeconds: 28_800 }, later(900))).toThrow(expect.objectContaining({ code: 'portal.sign_in_link_expired' }));
    expect(link.snapshot().usedAt).toBeNull();
  });

  it.each([299, 86_401])('refuses to open a session lasting %p seconds (5 minutes to a day), and stays unused', (sessionTtlSeconds) => {
    const link = aLink();
    expect(() => link.redeem({ sessionSecretHash: SESSION_HASH, sessionTtlSeconds }, later(1))).toThrow(/lasts 300 to 86400 seconds/);
    expect(link.snapshot().usedAt).toBeNull();
  });
});

describe('normalizedAddress', () => {
  it.each([
    ['ap@acme.example', 'ap@acme.example'],
    [' AP@ACME.example\t', 'ap@acme.example'],
  ])('reads %p as %p', (typed, normalized) => {
    expect(normalizedAddress(typed)).toBe(normalized);
  });
});
