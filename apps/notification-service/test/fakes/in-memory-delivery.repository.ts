import { type DeliveryClaim, DeliveryRepository, type PendingAttempt } from '../../src/application/ports/delivery.repository';
import { Delivery, type DeliveryAttempt, type DeliverySnapshot, type WebhookContent } from '../../src/domain/delivery/delivery';

/** Deliveries kept as snapshots, with the table's once-per-recipient key and attempts log, for unit tests. */
export class InMemoryDeliveryRepository extends DeliveryRepository {
  private readonly deliveries = new Map<string, DeliverySnapshot>();
  private readonly attemptLog: DeliveryAttempt[] = [];
  /** Live claims by delivery id; `now` stands in for the database's clock (real time unless a test moves it). */
  private readonly claims = new Map<string, { token: string; until: number }>();
  now: () => number = () => Date.now();

  async planOnce(delivery: Delivery): Promise<boolean> {
    const planned = delivery.snapshot();
    if (this.deliveries.has(planned.id)) throw new Error(`delivery ${planned.id} already exists`);
    // The table's key holds for first deliveries only: a replay repeats its event on purpose.
    const again =
      planned.replayOf === null &&
      [...this.deliveries.values()].some(
        (stored) => stored.replayOf === null && stored.eventId === planned.eventId && stored.channel === planned.channel && stored.recipient === planned.recipient,
      );
    if (again) return false;
    this.deliveries.set(planned.id, planned);
    return true;
  }

  async lockById(deliveryId: string): Promise<Delivery | null> {
    const stored = this.deliveries.get(deliveryId);
    return stored ? Delivery.restore(stored) : null;
  }

  async saveAttempt(delivery: Delivery, attempt: DeliveryAttempt): Promise<void> {
    if (!this.deliveries.has(delivery.id)) throw new Error(`delivery ${delivery.id} was never planned`);
    this.deliveries.set(delivery.id, delivery.snapshot());
    this.attemptLog.push(attempt);
    this.claims.delete(delivery.id);
  }

  async claim(deliveryId: string, token: string, leaseMs: number): Promise<boolean> {
    const live = this.claims.get(deliveryId);
    if (live && live.until > this.now()) return false;
    this.claims.set(deliveryId, { token, until: this.now() + leaseMs });
    return true;
  }

  async renewClaims(claims: readonly DeliveryClaim[], leaseMs: number): Promise<string[]> {
    const renewed: string[] = [];
    for (const { deliveryId, token } of claims) {
      const live = this.claims.get(deliveryId);
      if (!live || live.token !== token || live.until <= this.now()) continue;
      live.until = this.now() + leaseMs;
      renewed.push(token);
    }
    return renewed;
  }

  async lockClaimed(deliveryId: string, token: string): Promise<Delivery | null> {
    return this.claims.get(deliveryId)?.token === token ? this.lockById(deliveryId) : null;
  }

  async pendingAttempts(after: PendingAttempt | null, limit: number): Promise<PendingAttempt[]> {
    const key = (attempt: PendingAttempt) => [attempt.nextAttemptAt.getTime(), attempt.deliveryId] as const;
    const byNextAttempt = (a: PendingAttempt, b: PendingAttempt) => key(a)[0] - key(b)[0] || key(a)[1].localeCompare(key(b)[1]);
    return [...this.deliveries.values()]
      .filter((stored) => stored.status === 'pending' && stored.nextAttemptAt !== null)
      .map((stored) => ({ deliveryId: stored.id, nextAttemptAt: stored.nextAttemptAt as Date }))
      .filter((attempt) => after === null || byNextAttempt(attempt, after) > 0)
      .sort(byNextAttempt)
      .slice(0, limit);
  }

  async strandedAttempts(dueBy: Date, claimLapsedForMs: number, limit: number): Promise<PendingAttempt[]> {
    return [...this.deliveries.values()]
      .filter((stored) => stored.status === 'pending' && stored.nextAttemptAt !== null && stored.nextAttemptAt.getTime() <= dueBy.getTime())
      .filter((stored) => (this.claims.get(stored.id)?.until ?? Number.NEGATIVE_INFINITY) <= this.now() - claimLapsedForMs)
      .map((stored) => ({ deliveryId: stored.id, nextAttemptAt: stored.nextAttemptAt as Date }))
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.deliveryId.localeCompare(b.deliveryId))
      .slice(0, limit);
  }

  async findById(deliveryId: string): Promise<Delivery | null> {
    return this.lockById(deliveryId);
  }

  async save(delivery: Delivery): Promise<void> {
    if (!this.deliveries.has(delivery.id)) throw new Error(`delivery ${delivery.id} was never planned`);
    this.deliveries.set(delivery.id, delivery.snapshot());
  }

  async releaseHeld(subscriptionId: string, now: Date): Promise<string[]> {
    const held = this.ofSubscription(subscriptionId).filter((stored) => stored.status === 'held');
    for (const stored of held) this.deliveries.set(stored.id, { ...stored, status: 'pending', nextAttemptAt: now });
    return held.map((stored) => stored.id);
  }

  async cancelOpen(subscriptionId: string, reason: string): Promise<number> {
    const open = this.ofSubscription(subscriptionId).filter((stored) => stored.status === 'pending' || stored.status === 'held');
    for (const stored of open) this.deliveries.set(stored.id, { ...stored, status: 'cancelled', nextAttemptAt: null, lastError: reason });
    return open.length;
  }

  async firstDeliveriesInRange(subscriptionId: string, range: { from: Date; to: Date; eventTypes: readonly string[] }, limit: number): Promise<Delivery[]> {
    const createdAt = (stored: DeliverySnapshot) => Date.parse((JSON.parse((stored.payload as WebhookContent).body) as { created_at: string }).created_at);
    return this.ofSubscription(subscriptionId)
      .filter((stored) => stored.replayOf === null && createdAt(stored) >= range.from.getTime() && createdAt(stored) < range.to.getTime())
      .filter((stored) => range.eventTypes.length === 0 || range.eventTypes.includes(stored.eventName))
      .sort((a, b) => createdAt(a) - createdAt(b) || a.id.localeCompare(b.id))
      .slice(0, limit)
      .map((stored) => Delivery.restore(stored));
  }

  private ofSubscription(subscriptionId: string): DeliverySnapshot[] {
    return [...this.deliveries.values()].filter((stored) => stored.channel === 'webhook' && (stored.payload as WebhookContent).subscriptionId === subscriptionId);
  }

  /** Every delivery stored, in the order planned, for a test's "then". */
  all(): DeliverySnapshot[] {
    return [...this.deliveries.values()];
  }

  /** The one delivery stored; fails when there is none or more than one. */
  only(): DeliverySnapshot {
    const all = this.all();
    if (all.length !== 1) throw new Error(`expected one delivery, stored ${all.length}`);
    return all[0];
  }

  /** The attempts logged for a delivery, in order. */
  attemptsOf(deliveryId: string): DeliveryAttempt[] {
    return this.attemptLog.filter((attempt) => attempt.deliveryId === deliveryId);
  }
}
