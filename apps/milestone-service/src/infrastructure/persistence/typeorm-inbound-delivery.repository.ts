import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { type InboundDelivery, InboundDeliveryRepository } from '../../application/ports/inbound-delivery.repository';

/** milestone.inbound_deliveries, joining the open unit of work. */
@Injectable()
export class TypeOrmInboundDeliveryRepository extends InboundDeliveryRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async recordFirst(delivery: InboundDelivery): Promise<boolean> {
    // The primary key makes a second copy wait for the first's transaction, then find it there.
    const inserted: unknown[] = await this.unitOfWork.currentManager().query(
      `INSERT INTO milestone.inbound_deliveries (provider, delivery_id, event, received_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING delivery_id`,
      [delivery.provider, delivery.deliveryId, delivery.event, delivery.receivedAt],
    );
    return inserted.length === 1;
  }
}
