/**
 * pending: waiting for its (next) attempt; sent: accepted by the recipient; failed: refused for good
 * (a permanent SMTP rejection); abandoned: still failing when the three-day retry window closed;
 * held: a webhook delivery waiting for its paused subscription to resume; cancelled: its
 * subscription was deleted or disabled before it was sent.
 *
 * A send already in flight when its subscription was paused or stopped still ends: accepted, the
 * delivery was sent after all (held or cancelled → sent, so that resuming never sends it twice).
 */
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'abandoned', 'held', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_TRANSITIONS: Readonly<Record<DeliveryStatus, readonly DeliveryStatus[]>> = {
  pending: ['pending', 'sent', 'failed', 'abandoned', 'held', 'cancelled'],
  held: ['pending', 'cancelled', 'sent'],
  sent: [],
  failed: [],
  abandoned: [],
  cancelled: ['sent'],
};

/**
 * The statuses a delivery ends in: each is told once, as notification.sent or notification.failed
 * (cancelled: neither, unless the send in flight when it was cancelled is then accepted: sent).
 */
export const FINAL_DELIVERY_STATUSES: readonly DeliveryStatus[] = ['sent', 'failed', 'abandoned', 'cancelled'];

export function canMove(from: DeliveryStatus, to: DeliveryStatus): boolean {
  return DELIVERY_TRANSITIONS[from].includes(to);
}

export const DELIVERY_CHANNELS = ['email', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
