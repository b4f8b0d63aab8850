import { EVENT_NAMES, EventName, isEventName } from '@mb/events';
import { DomainRejection } from '@mb/kernel';
import { generateWebhookSecret } from './standard-webhooks';

export interface WebhookSubscriptionSnapshot {
  readonly id: string;
  readonly url: string;
  readonly events: readonly EventName[];
  readonly secret: string;
  /** The one client whose events it receives; null for a subscription to every client's. */
  readonly clientId: string | null;
  readonly createdAt: Date;
}

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
      throw new DomainRejection('invalid', 'webhook_subscription.unknown_event', `unknown events ${unknown.join(', ')}; known: ${EVENT_NAMES.join(', ')}`, 'events');
    }
    return new WebhookSubscription({
      id: input.id,
      url: input.url,
      events: [...new Set(known)],
      secret: input.secret ?? generateWebhookSecret(),
      clientId: input.clientId ?? null,
      createdAt: input.now,
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

  /** Replaces the signing secret: deliveries from now on are signed with the new one only. */
  rotateSecret(secret: string = generateWebhookSecret()): string {
    this.state = { ...this.state, secret };
    return secret;
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
}
