import { DomainRejection, newId } from '@mb/kernel';
import { ApiKey } from '../api-key/api-key';

export interface SignInLinkSnapshot {
  /** `psl_<ULID>`: the link's id, also the first part of its token. */
  readonly id: string;
  /** The client the person signs in to. */
  readonly clientId: string;
  /** The address the link was sent to (lower case): the client's AP contact or its approver. */
  readonly email: string;
  /** SHA-256 of the link's secret, hex: the secret itself is only in the email. */
  readonly secretHash: string;
  readonly createdAt: Date;
  /** From this instant on the link opens nothing. */
  readonly expiresAt: Date;
  /** When it opened a session; a link opens one at most. */
  readonly usedAt: Date | null;
}

/** How long a link may be valid, in seconds (PORTAL_SIGN_IN_LINK_TTL_SECONDS): a minute to an hour, 15 minutes unless configured. */
export const SIGN_IN_LINK_TTL_SECONDS = { minimum: 60, maximum: 3600, default: 900 } as const;

/** How long a portal session may last, in seconds (PORTAL_SESSION_TTL_SECONDS): 5 minutes to a day, 8 hours unless configured. */
export const PORTAL_SESSION_TTL_SECONDS = { minimum: 300, maximum: 86_400, default: 28_800 } as const;

/**
 * A magic link emailed to a client contact (issue 15 "Sign-in"): single use, short-lived, and
 * signed in the sense that matters, unforgeable: its token carries a 256-bit random secret of
 * which only the hash is kept, so nobody without the email can make one. Redeeming it opens a
 * portal session (a client-role API key that expires) and uses the link up.
 */
export class SignInLink {
  private constructor(private state: SignInLinkSnapshot) {}

  static issue(input: { clientId: string; email: string; secretHash: string; ttlSeconds: number }, now: Date): SignInLink {
    const { minimum, maximum } = SIGN_IN_LINK_TTL_SECONDS;
    if (!Number.isInteger(input.ttlSeconds) || input.ttlSeconds < minimum || input.ttlSeconds > maximum) {
      throw new Error(`a sign-in link is valid ${minimum} to ${maximum} seconds (got ${input.ttlSeconds})`);
    }
    return new SignInLink({
      id: newId('psl', now.getTime()),
      clientId: input.clientId,
      email: normalizedAddress(input.email),
      secretHash: input.secretHash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + input.ttlSeconds * 1000),
      usedAt: null,
    });
  }

  static restore(snapshot: SignInLinkSnapshot): SignInLink {
    return new SignInLink(snapshot);
  }

  get id(): string {
    return this.state.id;
  }

  get secretHash(): string {
    return this.state.secretHash;
  }

  isExpiredAt(now: Date): boolean {
    return now.getTime() >= this.state.expiresAt.getTime();
  }

  /**
   * Uses the link up and opens the portal session it was sent for: a client-role API key for the
   * link's client, named after the person, expiring `sessionTtlSeconds` from now. A used or
   * expired link opens nothing (the API tells the caller no more than "not valid").
   */
  redeem(input: { sessionSecretHash: string; sessionTtlSeconds: number }, now: Date): ApiKey {
    if (this.state.usedAt !== null) throw new DomainRejection('conflict', 'portal.sign_in_link_used', `sign-in link ${this.state.id} was used at ${this.state.usedAt.toISOString()}`);
    if (this.isExpiredAt(now)) throw new DomainRejection('conflict', 'portal.sign_in_link_expired', `sign-in link ${this.state.id} expired at ${this.state.expiresAt.toISOString()}`);
    const { minimum, maximum } = PORTAL_SESSION_TTL_SECONDS;
    if (!Number.isInteger(input.sessionTtlSeconds) || input.sessionTtlSeconds < minimum || input.sessionTtlSeconds > maximum) {
      throw new Error(`a portal session lasts ${minimum} to ${maximum} seconds (got ${input.sessionTtlSeconds})`);
    }
    this.state = { ...this.state, usedAt: now };
    return ApiKey.openPortalSession(
      { clientId: this.state.clientId, email: this.state.email, signInLinkId: this.state.id, secretHash: input.sessionSecretHash, expiresAt: new Date(now.getTime() + input.sessionTtlSeconds * 1000) },
      now,
    );
  }

  snapshot(): SignInLinkSnapshot {
    return { ...this.state };
  }
}

/**
 * An address as links are matched, counted and kept: trimmed and in lower case. Mailbox names
 * are case-sensitive in theory (RFC 5321 §2.4) and never in practice; a person who types
 * Ap@Acme.example is the AP contact ap@acme.example.
 */
export function normalizedAddress(email: string): string {
  return email.trim().toLowerCase();
}
