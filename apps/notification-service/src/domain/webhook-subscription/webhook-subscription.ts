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

/** A system subscribing to some of the event topics at an http(s) URL, with its own signing secret. */
export class WebhookSubscription {
  private constructor(private readonly state: WebhookSubscriptionSnapshot) {}

  /** Refuses a URL that is not http(s), no events, or an event the catalogue does not know. */
  static subscribe(input: { id: string; url: string; events: readonly string[]; now: Date; clientId?: string | null; secret?: string }): WebhookSubscription {
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw new DomainRejection('invalid', 'webhook_subscription.invalid_url', `${input.url} is not a URL`, 'url');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new DomainRejection('invalid', 'webhook_subscription.invalid_url', 'a webhook URL uses http or https', 'url');
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
