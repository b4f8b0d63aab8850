import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { PlanNotificationsHandler } from '../../application/plan-notifications/plan-notifications.handler';

/**
 * collections.handed_off is emailed to the client's AP contact as the hand-off notice (parked until
 * a contract event names it) and fanned out to its webhook subscribers.
 */
@Injectable()
export class CollectionsHandedOffConsumer implements EventHandler<'collections.handed_off'> {
  static readonly event = 'collections.handed_off';
  readonly event = CollectionsHandedOffConsumer.event;

  constructor(private readonly planNotifications: PlanNotificationsHandler) {}

  async handle(envelope: EventEnvelope<'collections.handed_off'>): Promise<void> {
    await this.planNotifications.execute(envelope);
  }
}
