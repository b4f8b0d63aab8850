import type { ApiKey } from '../api-key/api-key';
import type { SignInLink } from './sign-in-link';

/** How long an ended portal session is kept, in days (PORTAL_SESSION_RETENTION_DAYS): a day to ten years, 30 unless configured. */
export const PORTAL_SESSION_RETENTION_DAYS = { minimum: 1, maximum: 3650, default: 30 } as const;

/**
 * How long a sign-in link is kept after it expired, used or not: a day, so that a person who says
 * "the link did not work" this morning can still be looked up, and no longer, since the link names
 * an address and can do nothing any more. Not configurable: nobody needs the links beyond that.
 */
export const SIGN_IN_LINK_RETENTION_MS = 24 * 3_600_000;

const DAY_MS = 24 * 3_600_000;

/** The instants before which rows go: links that expired, sessions that ended, strictly before them. */
export interface SignInPurgeCutoffs {
  readonly signInLinksExpiredBefore: Date;
  readonly portalSessionsEndedBefore: Date;
}

/**
 * What of the client portal's sign-in is purged when (issue 15 follow-up: neither links nor
 * sessions pile up). A sign-in link goes a day after it expired, used or not. A portal session
 * goes `sessionRetentionDays` after it ended (expired, or revoked by signing out or by an admin,
 * whichever came first), so an admin can still see recent sessions in `GET /v1/api-keys`. A key an
 * admin made is never purged: it is a system's credential, revoked ones are kept as a record.
 * The purge statements apply these same rules; this is where they are stated and tested.
 */
export class SignInRetentionPolicy {
  constructor(private readonly sessionRetentionDays: number) {
    const { minimum, maximum } = PORTAL_SESSION_RETENTION_DAYS;
    if (!Number.isInteger(sessionRetentionDays) || sessionRetentionDays < minimum || sessionRetentionDays > maximum) {
      throw new Error(`portal sessions are kept ${minimum} to ${maximum} days after they end (got ${sessionRetentionDays})`);
    }
  }

  cutoffsAt(now: Date): SignInPurgeCutoffs {
    return {
      signInLinksExpiredBefore: new Date(now.getTime() - SIGN_IN_LINK_RETENTION_MS),
      portalSessionsEndedBefore: new Date(now.getTime() - this.sessionRetentionDays * DAY_MS),
    };
  }

  isSignInLinkPurgeableAt(link: SignInLink, now: Date): boolean {
    return link.snapshot().expiresAt.getTime() < this.cutoffsAt(now).signInLinksExpiredBefore.getTime();
  }

  isApiKeyPurgeableAt(key: ApiKey, now: Date): boolean {
    if (!key.isPortalSession) return false;
    const endedAt = key.endedAt(now);
    return endedAt !== null && endedAt.getTime() < this.cutoffsAt(now).portalSessionsEndedBefore.getTime();
  }
}
