/**
 * pending: waiting for its (next) attempt; sent: accepted by the recipient; failed: refused for good
 * (a permanent SMTP rejection); abandoned: still failing when the three-day retry window closed.
 */
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'abandoned'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_TRANSITIONS: Readonly<Record<DeliveryStatus, readonly DeliveryStatus[]>> = {
  pending: ['pending', 'sent', 'failed', 'abandoned'],
  sent: [],
  failed: [],
  abandoned: [],
};

export function canMove(from: DeliveryStatus, to: DeliveryStatus): boolean {
  return DELIVERY_TRANSITIONS[from].includes(to);
}

export const DELIVERY_CHANNELS = ['email', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
