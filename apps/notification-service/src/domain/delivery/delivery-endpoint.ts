import type { DeliveryChannel } from './delivery-status';

/**
 * The receiver a delivery is handed to, as the dispatcher's per-endpoint cap counts them: the one
 * SMTP relay for every email, and a webhook URL's host (with its port) for a webhook, so that all
 * the subscriptions pointing at one slow or dead host share its cap instead of each taking a share.
 */
export function deliveryEndpoint(channel: DeliveryChannel, recipient: string): string {
  if (channel === 'email') return 'smtp';
  return `webhook:${new URL(recipient).host.toLowerCase()}`;
}
