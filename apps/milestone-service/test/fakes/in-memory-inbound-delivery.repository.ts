import { type InboundDelivery, InboundDeliveryRepository } from '../../src/application/ports/inbound-delivery.repository';

/** Inbound deliveries in memory, for unit tests. */
export class InMemoryInboundDeliveryRepository extends InboundDeliveryRepository {
  readonly deliveries: InboundDelivery[] = [];

  async recordFirst(delivery: InboundDelivery): Promise<boolean> {
    if (this.deliveries.some((seen) => seen.provider === delivery.provider && seen.deliveryId === delivery.deliveryId)) return false;
    this.deliveries.push(delivery);
    return true;
  }
}
