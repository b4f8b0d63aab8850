import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { DeliveryQueries } from '../../application/queries/delivery.queries';
import type { DeliveryWithAttempts } from '../../application/queries/delivery.view';
import { DeliveryAttemptEntity, DeliveryEntity, deliverySnapshotOf } from './delivery.orm-entity';

@Injectable()
export class TypeOrmDeliveryQueries extends DeliveryQueries {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async ofEvent(eventId: string): Promise<DeliveryWithAttempts[]> {
    const manager = this.unitOfWork.readManager();
    const deliveries = await manager.find(DeliveryEntity, { where: { eventId }, order: { createdAt: 'ASC', id: 'ASC' } });
    if (deliveries.length === 0) return [];
    const attempts = await manager.find(DeliveryAttemptEntity, {
      where: { deliveryId: In(deliveries.map((delivery) => delivery.id)) },
      order: { deliveryId: 'ASC', attemptNumber: 'ASC' },
    });
    return deliveries.map((record) => ({ delivery: deliverySnapshotOf(record), attempts: attempts.filter((attempt) => attempt.deliveryId === record.id) }));
  }
}
