/**
 * active: its events are delivered. paused: by its owner; deliveries are planned but held, and go
 * out on resume. disabled: by us, after three days of failed deliveries; its open deliveries are
 * cancelled, and resuming enables it again. deleted: no more deliveries, open ones cancelled; the
 * record stays for the delivery log.
 */
export const WEBHOOK_SUBSCRIPTION_STATUSES = ['active', 'paused', 'disabled', 'deleted'] as const;
export type WebhookSubscriptionStatus = (typeof WEBHOOK_SUBSCRIPTION_STATUSES)[number];

export const WEBHOOK_SUBSCRIPTION_TRANSITIONS: Readonly<Record<WebhookSubscriptionStatus, readonly WebhookSubscriptionStatus[]>> = {
  active: ['paused', 'disabled', 'deleted'],
  paused: ['active', 'deleted'],
  disabled: ['active', 'deleted'],
  deleted: [],
};

export function canMoveSubscription(from: WebhookSubscriptionStatus, to: WebhookSubscriptionStatus): boolean {
  return WEBHOOK_SUBSCRIPTION_TRANSITIONS[from].includes(to);
}
