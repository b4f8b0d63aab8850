import type { EventName } from '@mb/events';
import type { WebhookSubscription } from '../../domain/webhook-subscription/webhook-subscription';

/** Where webhook subscriptions are kept. Writes join the open unit of work; "not found" is null. */
export abstract class WebhookSubscriptionRepository {
  abstract add(subscription: WebhookSubscription): Promise<void>;
  /** The subscriptions naming the event, oldest first. */
  abstract subscribedTo(eventName: EventName): Promise<WebhookSubscription[]>;
  abstract findById(id: string): Promise<WebhookSubscription | null>;
  /** Every subscription, oldest first. */
  abstract all(): Promise<WebhookSubscription[]>;
}
