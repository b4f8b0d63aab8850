import type { Delivery, DeliveryAttempt } from '../../domain/delivery/delivery';

/** When a pending delivery is to be tried next. */
export interface PendingAttempt {
  readonly deliveryId: string;
  readonly nextAttemptAt: Date;
}

/** A delivery's claim: the token of the send in flight. */
export interface DeliveryClaim {
  readonly deliveryId: string;
  readonly token: string;
}

/** Where deliveries and their attempts log are kept. Writes join the open unit of work; "not found" is null. */
export abstract class DeliveryRepository {
  /** Saves a planned delivery unless the event already has one for that channel and recipient; answers whether it was saved. */
  abstract planOnce(delivery: Delivery): Promise<boolean>;
  /** The delivery, locked against other writers until the unit of work ends. */
  abstract lockById(deliveryId: string): Promise<Delivery | null>;
  /** Saves the delivery's state and appends the attempt to the log; the claim the attempt was made under ends. */
  abstract saveAttempt(delivery: Delivery, attempt: DeliveryAttempt): Promise<void>;
  /**
   * Claims the delivery (locked by lockById in this unit of work) for a send under `token`, with a
   * lease of `leaseMs` from the database's now, unless a live claim holds it: answers whether it did.
   */
  abstract claim(deliveryId: string, token: string, leaseMs: number): Promise<boolean>;
  /** Extends the leases of the claims still held (one statement for all); answers the tokens that still were. */
  abstract renewClaims(claims: readonly DeliveryClaim[], leaseMs: number): Promise<string[]>;
  /** The delivery, locked as lockById does, when the claim `token` still holds it; null when it was lost (its lease ran out and another took it). */
  abstract lockClaimed(deliveryId: string, token: string): Promise<Delivery | null>;
  /** Up to `limit` pending deliveries' next attempts, in (next attempt, id) order, from after `after` (the last of the page before). */
  abstract pendingAttempts(after: PendingAttempt | null, limit: number): Promise<PendingAttempt[]>;
  /**
   * Up to `limit` pending deliveries due at or before `dueBy` that no claim holds, nor has held
   * for the last `claimLapsedForMs` (judged by the database's clock, as claims are): the ones whose
   * timer should have fired by now, oldest first. Their timers may have been lost (see rearmStranded).
   */
  abstract strandedAttempts(dueBy: Date, claimLapsedForMs: number, limit: number): Promise<PendingAttempt[]>;
  /** A delivery as stored, not locked; null when there is none. */
  abstract findById(deliveryId: string): Promise<Delivery | null>;
  /** Saves a delivery's new state (held, released, cancelled): no attempt was made. */
  abstract save(delivery: Delivery): Promise<void>;
  /**
   * The subscription's held deliveries made due at `now` (it resumed), in one statement; their ids,
   * for their timers. A bulk change rather than one aggregate at a time: a long pause may hold many.
   */
  abstract releaseHeld(subscriptionId: string, now: Date): Promise<string[]>;
  /** Cancels every pending or held delivery of the subscription (deleted, disabled), with the reason; how many. */
  abstract cancelOpen(subscriptionId: string, reason: string): Promise<number>;
  /**
   * The first deliveries (not replays) of the subscription whose event was created in [from, to),
   * of the given event types when some are given, oldest event first, at most `limit`.
   */
  abstract firstDeliveriesInRange(subscriptionId: string, range: { from: Date; to: Date; eventTypes: readonly string[] }, limit: number): Promise<Delivery[]>;
}
