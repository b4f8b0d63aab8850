import { EventName, isEventName, WEBHOOK_EVENT_NAMES } from '@mb/events';
import { DomainRejection } from '@mb/kernel';
import { generateWebhookSecret } from './standard-webhooks';
import { canMoveSubscription, type WebhookSubscriptionStatus } from './webhook-subscription-status';

const ONE_DAY_MS = 24 * 60 * 60 * 1000;
/** How long the secret a rotation replaced still signs, beside the new one (Standard Webhooks' several signatures). */
export const SECRET_ROTATION_OVERLAP_MS = ONE_DAY_MS;
/** How long deliveries may fail with none accepted before the subscription is disabled (ARCHITECTURE.md: retried for three days). */
export const FAILING_STREAK_LIMIT_MS = 3 * ONE_DAY_MS;

export interface WebhookSubscriptionSnapshot {
  readonly id: string;
  readonly url: string;
  readonly events: readonly EventName[];
  readonly secret: string;
  /** The one client whose events it receives; null for a subscription to every client's. */
  readonly clientId: string | null;
  readonly createdAt: Date;
  readonly status: WebhookSubscriptionStatus;
  /** Why it is paused, disabled or deleted; null while active. */
  readonly statusReason: string | null;
  readonly statusChangedAt: Date | null;
  /** Who is told when it is disabled (an email); null: nobody but the notification.webhook_disabled event. */
  readonly ownerEmail: string | null;
  /** The secret a rotation replaced, still signing beside the new one until `previousSecretExpiresAt`. */
  readonly previousSecret: string | null;
  readonly previousSecretExpiresAt: Date | null;
  /** The first failed attempt of the current streak (no delivery accepted since); null when the last attempt succeeded. */
  readonly failingSince: Date | null;
}

/** What a new subscription starts with besides what it is given. */
const FRESH = { status: 'active', statusReason: null, statusChangedAt: null, previousSecret: null, previousSecretExpiresAt: null, failingSince: null } as const;

/**
 * A system subscribing to some of the event topics at an https URL (http only where the local
 * stack allows it), with its own signing secret. Where the URL's host may lead (not into our own
 * network) is checked by the webhook channel, at registration and again at every connection.
 */
export class WebhookSubscription {
  private constructor(private state: WebhookSubscriptionSnapshot) {}

  /**
   * Refuses a URL that is not https (or http when `plainHttp` is allowed, local development only; refused by default),
   * carries credentials, no events, or an event the catalogue does not know. `clientId`: the one
   * client whose events it receives; null for every client's.
   */
  static subscribe(input: {
    id: string;
    url: string;
    events: readonly string[];
    now: Date;
    clientId?: string | null;
    plainHttp?: 'refused' | 'allowed';
    secret?: string;
    ownerEmail?: string | null;
  }): WebhookSubscription {
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw new DomainRejection('invalid', 'webhook_subscription.invalid_url', `${input.url} is not a URL`, 'url');
    }
    const allowedSchemes = input.plainHttp === 'allowed' ? ['https:', 'http:'] : ['https:'];
    if (!allowedSchemes.includes(url.protocol)) {
      const rule = input.plainHttp === 'allowed' ? 'a webhook URL uses https or http' : 'a webhook URL uses https: deliveries carry client data and signatures';
      throw new DomainRejection('invalid', 'webhook_subscription.https_required', rule, 'url');
    }
    if (url.username || url.password) {
      // A receiver authenticates our deliveries by their signature; credentials in the URL would be kept and logged with it.
      throw new DomainRejection('invalid', 'webhook_subscription.invalid_url', 'a webhook URL carries no user name or password', 'url');
    }
    if (input.events.length === 0) {
      throw new DomainRejection('invalid', 'webhook_subscription.no_events', 'subscribe to at least one event', 'events');
    }
    const known = input.events.filter(isEventName);
    if (known.length < input.events.length) {
      const unknown = input.events.filter((event) => !isEventName(event));
      throw new DomainRejection('invalid', 'webhook_subscription.unknown_event', `unknown events ${unknown.join(', ')}; known: ${WEBHOOK_EVENT_NAMES.join(', ')}`, 'events');
    }
    const own = known.filter((event) => !WEBHOOK_EVENT_NAMES.includes(event));
    if (own.length > 0) {
      // A delivery's outcome delivered by webhook would have an outcome of its own: a loop.
      throw new DomainRejection('invalid', 'webhook_subscription.not_subscribable', `${own.join(', ')} cannot be delivered by webhook: they tell of deliveries themselves`, 'events');
    }
    return new WebhookSubscription({
      id: input.id,
      url: input.url,
      events: [...new Set(known)],
      secret: input.secret ?? generateWebhookSecret(),
      clientId: input.clientId ?? null,
      createdAt: input.now,
      ownerEmail: input.ownerEmail ?? null,
      ...FRESH,
    });
  }

  static restore(snapshot: WebhookSubscriptionSnapshot): WebhookSubscription {
    return new WebhookSubscription(snapshot);
  }

  get id(): string {
    return this.state.id;
  }

  get url(): string {
    return this.state.url;
  }

  /** The Standard Webhooks secret its deliveries are signed with. */
  get secret(): string {
    return this.state.secret;
  }

  get status(): WebhookSubscriptionStatus {
    return this.state.status;
  }

  get clientId(): string | null {
    return this.state.clientId;
  }

  /**
   * Replaces the signing secret. The one replaced keeps signing beside it for 24 hours, so that a
   * receiver may switch to the new one at any time in between (Standard Webhooks lets
   * webhook-signature carry several signatures; a receiver accepts when one verifies). A second
   * rotation within those hours ends the first one's overlap: two secrets sign at most.
   */
  rotateSecret(now: Date, secret: string = generateWebhookSecret()): string {
    this.refuseIfDeleted();
    this.state = { ...this.state, previousSecret: this.state.secret, previousSecretExpiresAt: new Date(now.getTime() + SECRET_ROTATION_OVERLAP_MS), secret };
    return secret;
  }

  /** The secrets a delivery sent at `now` is signed with: the current one, and the one a rotation replaced during its overlap. */
  signingSecrets(now: Date): string[] {
    const { secret, previousSecret, previousSecretExpiresAt } = this.state;
    const overlapping = previousSecret !== null && previousSecretExpiresAt !== null && now.getTime() < previousSecretExpiresAt.getTime();
    return overlapping ? [secret, previousSecret] : [secret];
  }

  /** Its deliveries go out now (active); paused ones wait, disabled and deleted ones are cancelled. */
  get deliversNow(): boolean {
    return this.state.status === 'active';
  }

  /** Paused by its owner: new deliveries are held until it resumes. */
  get holdsDeliveries(): boolean {
    return this.state.status === 'paused';
  }

  /** Its owner stops deliveries for a while (receiver maintenance); pausing a paused one changes nothing. */
  pause(now: Date, reason: string | null = null): void {
    if (this.state.status === 'paused') return;
    this.moveTo('paused', now, reason ?? 'paused by its owner', 'webhook_subscription.cannot_pause');
  }

  /**
   * Deliveries go out again: a paused subscription's held ones at once; a disabled one is enabled
   * again with a fresh failure streak. Resuming an active one changes nothing.
   */
  resume(now: Date): void {
    if (this.state.status === 'active') return;
    this.moveTo('active', now, null, 'webhook_subscription.cannot_resume');
    this.state = { ...this.state, failingSince: null };
  }

  /** No more deliveries; the record stays for the delivery log. */
  delete(now: Date): void {
    this.moveTo('deleted', now, 'deleted by its owner', 'webhook_subscription.deleted');
  }

  /** An attempt failed: starts the failing streak if none is running; answers whether it did. */
  recordFailedAttempt(now: Date): boolean {
    if (this.state.failingSince !== null) return false;
    this.state = { ...this.state, failingSince: now };
    return true;
  }

  /** An attempt was accepted: the failing streak, if any, is over. */
  recordAcceptedAttempt(): void {
    this.state = { ...this.state, failingSince: null };
  }

  /** When the running failing streak would disable it, or null when none runs. */
  get disablesAt(): Date | null {
    return this.state.failingSince === null ? null : new Date(this.state.failingSince.getTime() + FAILING_STREAK_LIMIT_MS);
  }

  /**
   * Disables an active subscription whose deliveries have failed for three days with none accepted
   * (ARCHITECTURE.md: retried for three days); answers whether it did. Paused ones are spared: they
   * send nothing, so nothing of theirs fails.
   */
  disableIfFailingTooLong(now: Date): boolean {
    const disablesAt = this.disablesAt;
    if (this.state.status !== 'active' || disablesAt === null || now.getTime() < disablesAt.getTime()) return false;
    this.moveTo('disabled', now, `no delivery accepted since ${(this.state.failingSince as Date).toISOString()}`, 'webhook_subscription.cannot_disable');
    return true;
  }

  subscribesTo(event: string): boolean {
    return this.state.events.some((subscribed) => subscribed === event);
  }

  /**
   * Whether an event goes to this subscription: one it subscribes to and, for a client-scoped
   * subscription, about its client. An event naming no client never reaches a client-scoped one
   * (deny by default: it could be anyone's).
   */
  receives(event: { readonly event: string; readonly data: object }): boolean {
    if (!this.subscribesTo(event.event)) return false;
    if (this.state.clientId === null) return true;
    return (event.data as { client_id?: unknown }).client_id === this.state.clientId;
  }

  snapshot(): WebhookSubscriptionSnapshot {
    return this.state;
  }

  private refuseIfDeleted(): void {
    if (this.state.status === 'deleted') throw new DomainRejection('conflict', 'webhook_subscription.deleted', `webhook subscription ${this.state.id} is deleted`);
  }

  private moveTo(next: WebhookSubscriptionStatus, now: Date, reason: string | null, code: string): void {
    this.refuseIfDeleted();
    if (!canMoveSubscription(this.state.status, next)) {
      throw new DomainRejection('conflict', code, `webhook subscription ${this.state.id} is ${this.state.status}; it cannot become ${next}`);
    }
    this.state = { ...this.state, status: next, statusReason: reason, statusChangedAt: now };
  }
}
