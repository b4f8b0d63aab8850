import { ApiKey } from '../api-key/api-key';
import { SignInLink } from './sign-in-link';
import { SignInRetentionPolicy } from './sign-in-retention.policy';

const SENT = new Date('2026-12-04T20:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(SENT.getTime() + ms);

const policy = new SignInRetentionPolicy(30);

function aLink(): SignInLink {
  return SignInLink.issue({ clientId: 'cli_01X', email: 'ap@acme.example', secretHash: 'b'.repeat(64), ttlSeconds: 900 }, SENT);
}

/** A session opened with a fresh link five minutes after it was sent, for eight hours. */
function aSession(): ApiKey {
  return aLink().redeem({ sessionSecretHash: 'c'.repeat(64), sessionTtlSeconds: 8 * 3600 }, at(5 * 60_000));
}

const sessionExpiry = 5 * 60_000 + 8 * HOUR;

describe('SignInRetentionPolicy', () => {
  it('purges a sign-in link a day after it expired, used or not, and not a moment before', () => {
    const unused = aLink();
    const used = aLink();
    used.redeem({ sessionSecretHash: 'c'.repeat(64), sessionTtlSeconds: 28_800 }, at(60_000));
    const expiry = 15 * 60_000;
    for (const link of [unused, used]) {
      expect(policy.isSignInLinkPurgeableAt(link, at(expiry))).toBe(false);
      expect(policy.isSignInLinkPurgeableAt(link, at(expiry + DAY))).toBe(false);
      expect(policy.isSignInLinkPurgeableAt(link, at(expiry + DAY + 1))).toBe(true);
    }
  });

  it('keeps a live portal session, however old the link that opened it', () => {
    const session = aSession();
    expect(policy.isApiKeyPurgeableAt(session, at(sessionExpiry - 1))).toBe(false);
    expect(session.endedAt(at(sessionExpiry - 1))).toBeNull();
  });

  it('purges an expired portal session the retention period after it expired', () => {
    const session = aSession();
    expect(session.endedAt(at(sessionExpiry + DAY))).toEqual(at(sessionExpiry));
    expect(policy.isApiKeyPurgeableAt(session, at(sessionExpiry + 30 * DAY))).toBe(false);
    expect(policy.isApiKeyPurgeableAt(session, at(sessionExpiry + 30 * DAY + 1))).toBe(true);
  });

  it('counts a signed-out session from when it was revoked, not from its later expiry', () => {
    // given a session signed out of an hour after it opened
    const session = aSession();
    session.endPortalSession(at(HOUR));
    // then it ended then, and goes thirty days later, though it would have expired hours after
    expect(session.endedAt(at(2 * HOUR))).toEqual(at(HOUR));
    expect(policy.isApiKeyPurgeableAt(session, at(HOUR + 30 * DAY))).toBe(false);
    expect(policy.isApiKeyPurgeableAt(session, at(HOUR + 30 * DAY + 1))).toBe(true);
  });

  it('never purges a key an admin made, revoked for years or not', () => {
    const key = ApiKey.issue({ name: 'ERP nightly sync', role: 'finance', clientId: null, secretHash: 'a'.repeat(64), createdBy: 'admin-1' }, SENT);
    key.revoke('admin-2', at(HOUR));
    expect(key.endedAt(at(2 * HOUR))).toEqual(at(HOUR));
    expect(policy.isApiKeyPurgeableAt(key, at(3650 * DAY))).toBe(false);
    // nor a client-role key an admin made to expire: only sessions a sign-in link opened go
    const expiring = ApiKey.issue({ name: 'portal session ap@acme.example', role: 'client', clientId: 'cli_01X', secretHash: 'a'.repeat(64), createdBy: 'admin-1', expiresAt: at(HOUR) }, SENT);
    expect([expiring.isPortalSession, policy.isApiKeyPurgeableAt(expiring, at(3650 * DAY))]).toEqual([false, false]);
  });

  it('keeps sessions as many days as configured', () => {
    const session = aSession();
    const keptADay = new SignInRetentionPolicy(1);
    expect(keptADay.isApiKeyPurgeableAt(session, at(sessionExpiry + DAY + 1))).toBe(true);
    expect(keptADay.cutoffsAt(at(DAY))).toEqual({ signInLinksExpiredBefore: SENT, portalSessionsEndedBefore: SENT });
  });

  it.each([0, 3651, 1.5])('refuses a retention of %p days (1 to 3650)', (days) => {
    expect(() => new SignInRetentionPolicy(days)).toThrow(/1 to 3650 days/);
  });
});
