import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { DeliveryRepository, type PendingAttempt } from '../../application/ports/delivery.repository';
import { Delivery, type DeliveryAttempt } from '../../domain/delivery/delivery';
import { DeliveryAttemptEntity, DeliveryEntity } from './delivery.orm-entity';

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
      .values({ ...delivery.snapshot() })
      // A fresh id meets no conflict but deliveries_once_per_recipient (event, channel, recipient):
      // the event already has this message, and planning it again does nothing.
      .orIgnore()
      .returning('id')
      .updateEntity(false)
      .execute();
    return (inserted.raw as unknown[]).length === 1;
  }

  async lockById(deliveryId: string): Promise<Delivery | null> {
    const record = await this.unitOfWork.currentManager().findOne(DeliveryEntity, { where: { id: deliveryId }, lock: { mode: 'pessimistic_write' } });
    return record ? Delivery.restore(record) : null;
  }

  async saveAttempt(delivery: Delivery, attempt: DeliveryAttempt): Promise<void> {
    const manager = this.unitOfWork.currentManager();
    const { id, status, attempts, nextAttemptAt, firstAttemptAt, lastError, sentAt } = delivery.snapshot();
    // The row was locked when loaded (lockById), so no other writer changed it since.
    await manager.update(DeliveryEntity, { id }, { status, attempts, nextAttemptAt, firstAttemptAt, lastError, sentAt });
    await manager.insert(DeliveryAttemptEntity, { ...attempt });
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
}
