import { EVENT_NAMES, EventName, isEventName } from '@mb/events';
import { DomainRejection } from '@mb/kernel';
import { generateWebhookSecret } from './standard-webhooks';

export interface WebhookSubscription {
  readonly id: string;
  readonly url: string;
  readonly events: readonly EventName[];
  readonly secret: string;
  readonly createdAt: Date;
}

/** A system subscribing to some of the event topics at an http(s) URL, with its own signing secret. */
export function subscribeWebhook(input: { id: string; url: string; events: readonly string[]; now: Date; secret?: string }): WebhookSubscription {
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
  const unknown = input.events.filter((event) => !isEventName(event));
  if (unknown.length > 0) {
    throw new DomainRejection('invalid', 'webhook_subscription.unknown_event', `unknown events ${unknown.join(', ')}; known: ${EVENT_NAMES.join(', ')}`, 'events');
  }
  return {
    id: input.id,
    url: input.url,
    events: [...new Set(input.events as EventName[])],
    secret: input.secret ?? generateWebhookSecret(),
    createdAt: input.now,
  };
}
