import type { EventName } from '@mb/events';
import { DomainRejection } from '@mb/kernel';
import type { WebhookSubscription } from '../../domain/webhook-subscription/webhook-subscription';

/**
 * Where webhook subscriptions are kept. Writes join the open unit of work; "not found" is null.
 * Signing secrets are stored encrypted (the implementation's business: the domain sees plaintext).
 */
export abstract class WebhookSubscriptionRepository {
  abstract add(subscription: WebhookSubscription): Promise<void>;
  /** Saves a subscription loaded with lockById (its secret re-encrypted under the current key). */
  abstract save(subscription: WebhookSubscription): Promise<void>;
  /** The subscription, its row locked until the unit of work ends. */
  abstract lockById(id: string): Promise<WebhookSubscription | null>;
  /** The subscriptions naming the event, oldest first. */
  abstract subscribedTo(eventName: EventName): Promise<WebhookSubscription[]>;
  abstract findById(id: string): Promise<WebhookSubscription | null>;
  /** Every subscription, oldest first. */
  abstract all(): Promise<WebhookSubscription[]>;
  /**
   * Re-encrypts under the current key every secret an older key of the ring encrypted, so that the
   * older key can leave the ring; how many, and the current key's id.
   */
  abstract reencryptSecrets(): Promise<{ reencrypted: number; keyId: string }>;
}

/**
 * The subscription a command is about, locked until the unit of work ends. A deleted one, or for a
 * client caller (`callerClientId`) another client's, is not found: a client manages its own only,
 * and does not learn that others' exist.
 */
export async function lockOwnedSubscription(subscriptions: WebhookSubscriptionRepository, subscriptionId: string, callerClientId: string | null): Promise<WebhookSubscription> {
  const subscription = await subscriptions.lockById(subscriptionId);
  if (!subscription || subscription.status === 'deleted' || (callerClientId !== null && subscription.clientId !== callerClientId)) {
    throw new DomainRejection('not_found', 'webhook_subscription.not_found', `no webhook subscription ${subscriptionId}`);
  }
  return subscription;
}
