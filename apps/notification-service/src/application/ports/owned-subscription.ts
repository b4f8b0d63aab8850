import { DomainRejection } from '@mb/kernel';
import type { WebhookSubscription } from '../../domain/webhook-subscription/webhook-subscription';
import type { WebhookSubscriptionRepository } from './webhook-subscription.repository';

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
