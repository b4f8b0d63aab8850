import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryAttempt, DeliverySnapshot } from '../../domain/delivery/delivery';
import { DeliveryRepository } from '../ports/delivery.repository';

@Injectable()
export class FindDeliveriesQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async ofEvent(eventId: string): Promise<{ delivery: DeliverySnapshot; attempts: DeliveryAttempt[] }[]> {
    return this.deliveries.ofEvent(this.dataSource.manager, eventId);
  }
}
