import { DomainRejection, newId } from '@mb/kernel';

/**
 * What a key is: one an admin made for another company system (`api_key`), or a client portal
 * session that a sign-in link opened (`portal_session`). Stored with the key, not inferred from its
 * name or its link, because the link is purged long before the session is (and a name is free text).
 */
export const API_KEY_KINDS = ['api_key', 'portal_session'] as const;
export type ApiKeyKind = (typeof API_KEY_KINDS)[number];

export interface ApiKeySnapshot {
  /** `mbk_<ULID>`: public, the first part of the key text. */
  readonly id: string;
  readonly kind: ApiKeyKind;
  /** What the key is for, as its creator named it ("ERP nightly sync"). */
  readonly name: string;
  /** The one role the key acts with. */
  readonly role: string;
  /** For the client role, the one client it is confined to; null otherwise. */
  readonly clientId: string | null;
  /** SHA-256 of the secret, hex: the secret itself is never kept. */
  readonly secretHash: string;
  readonly createdAt: Date;
  /** The subject of whoever created it. */
  readonly createdBy: string;
  readonly revokedAt: Date | null;
  readonly revokedBy: string | null;
  /** When it was last accepted, to the minute (recorded at most once a minute). */
  readonly lastUsedAt: Date | null;
  /** From when it is refused as a revoked key is; null: until revoked (a key an admin makes). */
  readonly expiresAt: Date | null;
  /**
   * For a client portal session, the sign-in link (`psl_…`) that opened it, until that link is
   * purged (a day after it expired); null for a key an admin made.
   */
  readonly signInLinkId: string | null;
}

/** The name of a portal session's key: whose session it is, to recognise it in the list and the audit log. */
export function portalSessionName(email: string): string {
  return `portal session ${email}`;
}

/** How stale the recorded last use may be before a use records it again. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * An API key for another company system (issue 12 item 1): it acts with one role (and, for the
 * client role, one client), is shown once, kept as a hash of its secret, and can be revoked; a
 * revoked key is refused from then on and stays listed, with who revoked it. A key may expire
 * (a client portal session is a client-role key that expires, issue 15): past its expiry it is
 * refused exactly as a revoked one is.
 */
export class ApiKey {
  private constructor(private state: ApiKeySnapshot) {}

  static issue(input: { name: string; role: string; clientId: string | null; secretHash: string; createdBy: string; expiresAt?: Date | null }, now: Date): ApiKey {
    const name = input.name.trim();
    const expiresAt = input.expiresAt ?? null;
    // A key born expired is a caller's bug (a TTL of zero or less), never a request to refuse later.
    if (expiresAt !== null && expiresAt.getTime() <= now.getTime()) throw new Error(`an API key cannot expire (${expiresAt.toISOString()}) before it is issued (${now.toISOString()})`);
    if (name.length === 0) throw new DomainRejection('invalid', 'api_key.name_required', 'an API key needs a name saying what it is for', 'name');
    if (input.role === 'client' && input.clientId === null) {
      throw new DomainRejection('invalid', 'api_key.client_required', 'a key with the client role must name its client (client_id)', 'client_id');
    }
    if (input.role !== 'client' && input.clientId !== null) {
      throw new DomainRejection('invalid', 'api_key.client_not_allowed', 'only a key with the client role is confined to a client', 'client_id');
    }
    return new ApiKey({
      id: newId('mbk', now.getTime()),
      kind: 'api_key',
      name,
      role: input.role,
      clientId: input.clientId,
      secretHash: input.secretHash,
      createdAt: now,
      createdBy: input.createdBy,
      revokedAt: null,
      revokedBy: null,
      lastUsedAt: null,
      expiresAt,
      signInLinkId: null,
    });
  }

  /**
   * A client portal session (issue 15): a client-role key for the client a sign-in link was sent
   * for, expiring at `expiresAt`, made by that link (its id is who created the key).
   */
  static openPortalSession(input: { clientId: string; email: string; signInLinkId: string; secretHash: string; expiresAt: Date }, now: Date): ApiKey {
    const key = ApiKey.issue(
      { name: portalSessionName(input.email), role: 'client', clientId: input.clientId, secretHash: input.secretHash, createdBy: input.signInLinkId, expiresAt: input.expiresAt },
      now,
    );
    key.state = { ...key.state, kind: 'portal_session', signInLinkId: input.signInLinkId };
    return key;
  }

  static restore(snapshot: ApiKeySnapshot): ApiKey {
    return new ApiKey(snapshot);
  }

  get id(): string {
    return this.state.id;
  }

  get secretHash(): string {
    return this.state.secretHash;
  }

  get isRevoked(): boolean {
    return this.state.revokedAt !== null;
  }

  /** Whether the key is past its expiry at `now` (its expiry instant included); a key without one never expires. */
  isExpiredAt(now: Date): boolean {
    return this.state.expiresAt !== null && now.getTime() >= this.state.expiresAt.getTime();
  }

  /** Whether the key is accepted at `now`: neither revoked nor expired (a wrong secret is the authenticator's to check). */
  isAcceptedAt(now: Date): boolean {
    return !this.isRevoked && !this.isExpiredAt(now);
  }

  /** Whether the key is a client portal session (opened with a sign-in link), rather than one an admin made. */
  get isPortalSession(): boolean {
    return this.state.kind === 'portal_session';
  }

  /**
   * When the key stopped being accepted: revoked or expired, whichever came first; null while it
   * may still be accepted. A key that expires later is not ended yet at `now`.
   */
  endedAt(now: Date): Date | null {
    const { revokedAt, expiresAt } = this.state;
    const expired = expiresAt !== null && this.isExpiredAt(now) ? expiresAt : null;
    if (revokedAt === null) return expired;
    if (expired === null) return revokedAt;
    return revokedAt.getTime() <= expired.getTime() ? revokedAt : expired;
  }

  /**
   * Signs out of the client portal: the session's key is revoked, by the session itself. Only a
   * portal session ends so; a key an admin made is revoked by an admin.
   */
  endPortalSession(now: Date): void {
    if (!this.isPortalSession) throw new DomainRejection('conflict', 'portal.not_a_session', `API key ${this.state.id} is no client portal session`);
    this.revoke(this.state.id, now);
  }

  /** From now on the key is refused; revoking twice is refused, so the first revocation's who and when stay. */
  revoke(by: string, now: Date): void {
    if (this.state.revokedAt !== null) {
      throw new DomainRejection('conflict', 'api_key.already_revoked', `API key ${this.state.id} was revoked at ${this.state.revokedAt.toISOString()}`);
    }
    this.state = { ...this.state, revokedAt: now, revokedBy: by };
  }

  /** Whether a use at `now` should be recorded: never used, or last recorded a minute or more ago. */
  useIsWorthRecording(now: Date): boolean {
    return this.state.lastUsedAt === null || now.getTime() - this.state.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS;
  }

  snapshot(): ApiKeySnapshot {
    return { ...this.state };
  }
}
