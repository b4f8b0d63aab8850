import type { EntityManager } from 'typeorm';
import type { WebhookSubscription } from '../../domain/webhooks/webhook-subscription';

export abstract class WebhookSubscriptionRepository {
  abstract add(manager: EntityManager, subscription: WebhookSubscription): Promise<void>;
  abstract subscribedTo(manager: EntityManager, eventName: string): Promise<WebhookSubscription[]>;
  abstract byId(manager: EntityManager, id: string): Promise<WebhookSubscription | undefined>;
  abstract all(manager: EntityManager): Promise<WebhookSubscription[]>;
}
