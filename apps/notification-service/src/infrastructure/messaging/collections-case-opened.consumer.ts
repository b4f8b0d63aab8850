import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { PlanNotificationsHandler } from '../../application/plan-notifications/plan-notifications.handler';

/**
 * collections.case_opened is emailed to the client's AP contact as a reminder (parked until a
 * contract event names it) and fanned out to its webhook subscribers.
 */
@Injectable()
export class CollectionsCaseOpenedConsumer implements EventHandler<'collections.case_opened'> {
  static readonly event = 'collections.case_opened';
  readonly event = CollectionsCaseOpenedConsumer.event;

  constructor(private readonly planNotifications: PlanNotificationsHandler) {}

  async handle(envelope: EventEnvelope<'collections.case_opened'>): Promise<void> {
    await this.planNotifications.execute(envelope);
  }
}
