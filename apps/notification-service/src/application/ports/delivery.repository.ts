import type { EntityManager } from 'typeorm';
import type { Delivery, DeliveryAttempt, DeliverySnapshot } from '../../domain/delivery/delivery';

export abstract class DeliveryRepository {
  /** Inserts a planned delivery unless the event already has one for that channel and recipient. */
  abstract planOnce(manager: EntityManager, delivery: Delivery): Promise<boolean>;
  /**
   * Takes up to `limit` pending deliveries due at `now` (skipping those another dispatcher holds)
   * and moves their next attempt to `leaseUntil`, so nobody else takes them while they are sent.
   */
  abstract claimDue(manager: EntityManager, now: Date, leaseUntil: Date, limit: number): Promise<DeliverySnapshot[]>;
  abstract lock(manager: EntityManager, deliveryId: string): Promise<Delivery | undefined>;
  /** Saves the delivery's state and appends the attempt to the log. */
  abstract saveAttempt(manager: EntityManager, delivery: Delivery, attempt: DeliveryAttempt): Promise<void>;
  abstract ofEvent(manager: EntityManager, eventId: string): Promise<{ delivery: DeliverySnapshot; attempts: DeliveryAttempt[] }[]>;
}
