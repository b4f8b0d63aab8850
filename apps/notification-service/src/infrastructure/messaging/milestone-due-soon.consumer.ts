import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { PlanNotificationsHandler } from '../../application/plan-notifications/plan-notifications.handler';

/**
 * milestone.due_soon is emailed to the client's AP contact as an advance notice (parked until a
 * contract event names it) and fanned out to its webhook subscribers.
 */
@Injectable()
export class MilestoneDueSoonConsumer implements EventHandler<'milestone.due_soon'> {
  static readonly event = 'milestone.due_soon';
  readonly event = MilestoneDueSoonConsumer.event;

  constructor(private readonly planNotifications: PlanNotificationsHandler) {}

  async handle(envelope: EventEnvelope<'milestone.due_soon'>): Promise<void> {
    await this.planNotifications.execute(envelope);
  }
}
