import type { WebhookSubscriptionSnapshot } from '../../domain/webhook-subscription/webhook-subscription';

export interface WebhookSubscriptionResponse {
  id: string;
  url: string;
  events: string[];
  created_at: string;
  secret?: string;
}

/** The API's shape of a subscription; the secret only when it was just made (shown once). */
export function webhookSubscriptionResponseOf(subscription: WebhookSubscriptionSnapshot, withSecret: boolean): WebhookSubscriptionResponse {
  return {
    id: subscription.id,
    url: subscription.url,
    events: [...subscription.events],
    created_at: subscription.createdAt.toISOString(),
    ...(withSecret ? { secret: subscription.secret } : {}),
  };
}
