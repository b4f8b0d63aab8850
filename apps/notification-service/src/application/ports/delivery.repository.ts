import type { Delivery, DeliveryAttempt } from '../../domain/delivery/delivery';

/** When a pending delivery is to be tried next. */
export interface PendingAttempt {
  readonly deliveryId: string;
  readonly nextAttemptAt: Date;
}

/** Where deliveries and their attempts log are kept. Writes join the open unit of work; "not found" is null. */
export abstract class DeliveryRepository {
  /** Saves a planned delivery unless the event already has one for that channel and recipient; answers whether it was saved. */
  abstract planOnce(delivery: Delivery): Promise<boolean>;
  /** The delivery, locked against other writers until the unit of work ends. */
  abstract lockById(deliveryId: string): Promise<Delivery | null>;
  /** Saves the delivery's state and appends the attempt to the log. */
  abstract saveAttempt(delivery: Delivery, attempt: DeliveryAttempt): Promise<void>;
  /** Up to `limit` pending deliveries' next attempts, in (next attempt, id) order, from after `after` (the last of the page before). */
  abstract pendingAttempts(after: PendingAttempt | null, limit: number): Promise<PendingAttempt[]>;
}
