import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { type DeliveryClaim, DeliveryRepository, type PendingAttempt } from '../../application/ports/delivery.repository';
import { Delivery, type DeliveryAttempt } from '../../domain/delivery/delivery';
import { DeliveryAttemptEntity, DeliveryEntity, type DeliveryRecord, deliverySnapshotOf } from './delivery.orm-entity';

@Injectable()
export class TypeOrmDeliveryRepository extends DeliveryRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async planOnce(delivery: Delivery): Promise<boolean> {
    const inserted = await this.unitOfWork
      .currentManager()
      .createQueryBuilder()
      .insert()
      .into(DeliveryEntity)
      .values({ ...delivery.snapshot(), subscriptionId: delivery.subscriptionId })
      // A fresh id meets no conflict but deliveries_once_per_recipient (event, channel, recipient,
      // first deliveries only): the event already has this message, and planning it again does nothing.
      .orIgnore()
      .returning('id')
      .updateEntity(false)
      .execute();
    return (inserted.raw as unknown[]).length === 1;
  }

  async lockById(deliveryId: string): Promise<Delivery | null> {
    const record = await this.unitOfWork.currentManager().findOne(DeliveryEntity, { where: { id: deliveryId }, lock: { mode: 'pessimistic_write' } });
    return record ? deliveryOf(record) : null;
  }

  async saveAttempt(delivery: Delivery, attempt: DeliveryAttempt): Promise<void> {
    const manager = this.unitOfWork.currentManager();
    const { id, status, attempts, nextAttemptAt, firstAttemptAt, lastError, sentAt } = delivery.snapshot();
    // The row was locked when loaded (lockById, lockClaimed), so no other writer changed it since.
    await manager.update(DeliveryEntity, { id }, { status, attempts, nextAttemptAt, firstAttemptAt, lastError, sentAt, claimedBy: null, claimedUntil: null });
    await manager.insert(DeliveryAttemptEntity, { ...attempt });
  }

  async claim(deliveryId: string, token: string, leaseMs: number): Promise<boolean> {
    // The database's clock, not the instance's: every instance judges a lease by the same one.
    const [, claimed]: [unknown[], number] = await this.unitOfWork.currentManager().query(
      `UPDATE notification.deliveries SET claimed_by = $2, claimed_until = now() + $3 * interval '1 millisecond'
        WHERE id = $1 AND (claimed_until IS NULL OR claimed_until <= now())`,
      [deliveryId, token, leaseMs],
    );
    return claimed === 1;
  }

  async renewClaims(claims: readonly DeliveryClaim[], leaseMs: number): Promise<string[]> {
    if (claims.length === 0) return [];
    const [rows]: [{ claimed_by: string }[], number] = await this.unitOfWork.currentManager().query(
      `UPDATE notification.deliveries AS delivery SET claimed_until = now() + $3 * interval '1 millisecond'
         FROM unnest($1::text[], $2::uuid[]) AS claim (delivery_id, token)
        WHERE delivery.id = claim.delivery_id AND delivery.claimed_by = claim.token AND delivery.claimed_until > now()
        RETURNING delivery.claimed_by`,
      [claims.map((claim) => claim.deliveryId), claims.map((claim) => claim.token), leaseMs],
    );
    return rows.map((row) => row.claimed_by);
  }

  async lockClaimed(deliveryId: string, token: string): Promise<Delivery | null> {
    const record = await this.unitOfWork.currentManager().findOne(DeliveryEntity, { where: { id: deliveryId, claimedBy: token }, lock: { mode: 'pessimistic_write' } });
    return record ? deliveryOf(record) : null;
  }

  async pendingAttempts(after: PendingAttempt | null, limit: number): Promise<PendingAttempt[]> {
    // Keyset pages over the deliveries_due index (next_attempt_at, pending rows only).
    const query = this.unitOfWork
      .readManager()
      .createQueryBuilder(DeliveryEntity, 'delivery')
      .select(['delivery.id', 'delivery.nextAttemptAt'])
      .where('delivery.status = :pending', { pending: 'pending' })
      .andWhere('delivery.nextAttemptAt IS NOT NULL')
      .orderBy('delivery.nextAttemptAt', 'ASC')
      .addOrderBy('delivery.id', 'ASC')
      .limit(limit);
    if (after) query.andWhere('(delivery.nextAttemptAt, delivery.id) > (:afterAt, :afterId)', { afterAt: after.nextAttemptAt, afterId: after.deliveryId });
    const records = await query.getMany();
    return records.map((record) => ({ deliveryId: record.id, nextAttemptAt: record.nextAttemptAt as Date }));
  }

  async strandedAttempts(dueBy: Date, claimLapsedForMs: number, limit: number): Promise<PendingAttempt[]> {
    // Over the deliveries_due index (next_attempt_at, pending rows only); a claim is judged by the
    // database's clock, as claim() and renewClaims() judge it.
    const rows: { id: string; next_attempt_at: Date }[] = await this.unitOfWork.readManager().query(
      `SELECT id, next_attempt_at FROM notification.deliveries
        WHERE status = 'pending' AND next_attempt_at <= $1
          AND (claimed_until IS NULL OR claimed_until <= now() - $2 * interval '1 millisecond')
        ORDER BY next_attempt_at, id LIMIT $3`,
      [dueBy, claimLapsedForMs, limit],
    );
    return rows.map((row) => ({ deliveryId: row.id, nextAttemptAt: new Date(row.next_attempt_at) }));
  }

  async findById(deliveryId: string): Promise<Delivery | null> {
    const record = await this.unitOfWork.readManager().findOneBy(DeliveryEntity, { id: deliveryId });
    return record ? deliveryOf(record) : null;
  }

  async save(delivery: Delivery): Promise<void> {
    const { id, status, nextAttemptAt, lastError } = delivery.snapshot();
    await this.unitOfWork.currentManager().update(DeliveryEntity, { id }, { status, nextAttemptAt, lastError });
  }

  async releaseHeld(subscriptionId: string, now: Date): Promise<string[]> {
    // An UPDATE's answer through TypeORM is [rows, count].
    const [rows]: [{ id: string }[], number] = await this.unitOfWork
      .currentManager()
      .query(`UPDATE notification.deliveries SET status = 'pending', next_attempt_at = $2 WHERE subscription_id = $1 AND status = 'held' RETURNING id`, [subscriptionId, now]);
    return rows.map((row) => row.id);
  }

  async cancelOpen(subscriptionId: string, reason: string): Promise<number> {
    const [, cancelled]: [unknown[], number] = await this.unitOfWork
      .currentManager()
      .query(`UPDATE notification.deliveries SET status = 'cancelled', next_attempt_at = NULL, last_error = $2 WHERE subscription_id = $1 AND status IN ('pending', 'held')`, [subscriptionId, reason]);
    return cancelled;
  }

  async firstDeliveriesInRange(subscriptionId: string, range: { from: Date; to: Date; eventTypes: readonly string[] }, limit: number): Promise<Delivery[]> {
    // A webhook delivery's body is the event envelope as received: its created_at is the event's.
    const query = this.unitOfWork
      .readManager()
      .createQueryBuilder(DeliveryEntity, 'delivery')
      .where('delivery.subscriptionId = :subscriptionId', { subscriptionId })
      .andWhere('delivery.replayOf IS NULL')
      .andWhere(`((delivery.payload ->> 'body')::jsonb ->> 'created_at')::timestamptz >= :from`, { from: range.from })
      .andWhere(`((delivery.payload ->> 'body')::jsonb ->> 'created_at')::timestamptz < :to`, { to: range.to })
      .orderBy(`((delivery.payload ->> 'body')::jsonb ->> 'created_at')::timestamptz`, 'ASC')
      .addOrderBy('delivery.id', 'ASC')
      .limit(limit);
    if (range.eventTypes.length > 0) query.andWhere('delivery.eventName IN (:...eventTypes)', { eventTypes: [...range.eventTypes] });
    return (await query.getMany()).map((record) => deliveryOf(record));
  }
}

function deliveryOf(record: DeliveryRecord): Delivery {
  return Delivery.restore(deliverySnapshotOf(record));
}
