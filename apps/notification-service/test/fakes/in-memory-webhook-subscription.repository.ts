import type { EventName } from '@mb/events';
import { WebhookSubscriptionRepository } from '../../src/application/ports/webhook-subscription.repository';
import { WebhookSubscription, type WebhookSubscriptionSnapshot } from '../../src/domain/webhook-subscription/webhook-subscription';

/** Webhook subscriptions kept as snapshots, oldest first, for unit tests. */
export class InMemoryWebhookSubscriptionRepository extends WebhookSubscriptionRepository {
  private readonly subscriptions = new Map<string, WebhookSubscriptionSnapshot>();

  async add(subscription: WebhookSubscription): Promise<void> {
    if (this.subscriptions.has(subscription.id)) throw new Error(`subscription ${subscription.id} already exists`);
    this.subscriptions.set(subscription.id, subscription.snapshot());
  }

  async save(subscription: WebhookSubscription): Promise<void> {
    if (!this.subscriptions.has(subscription.id)) throw new Error(`subscription ${subscription.id} does not exist`);
    this.subscriptions.set(subscription.id, subscription.snapshot());
  }

  async lockById(id: string): Promise<WebhookSubscription | null> {
    return this.findById(id);
  }

  /** Nothing is encrypted in memory: there is never anything to re-encrypt. */
  async reencryptSecrets(): Promise<{ reencrypted: number; keyId: string }> {
    return { reencrypted: 0, keyId: 'in-memory' };
  }

  async subscribedTo(eventName: EventName): Promise<WebhookSubscription[]> {
    return (await this.all()).filter((subscription) => subscription.subscribesTo(eventName));
  }

  async findById(id: string): Promise<WebhookSubscription | null> {
    const stored = this.subscriptions.get(id);
    return stored ? WebhookSubscription.restore(stored) : null;
  }

  async all(): Promise<WebhookSubscription[]> {
    return [...this.subscriptions.values()]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
      .map((snapshot) => WebhookSubscription.restore(snapshot));
  }

  /** What is stored now, for a test's "then". */
  stored(): WebhookSubscriptionSnapshot[] {
    return [...this.subscriptions.values()];
  }
}
