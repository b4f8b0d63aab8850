import type { DeliveryAttempt, DeliverySnapshot } from '../../domain/delivery/delivery';

/** A delivery with its attempts log, oldest attempt first: what GET /v1/deliveries lists. */
export interface DeliveryWithAttempts {
  readonly delivery: DeliverySnapshot;
  readonly attempts: readonly DeliveryAttempt[];
}
