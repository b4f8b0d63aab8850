import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { PlanNotificationsHandler } from '../../application/plan-notifications/plan-notifications.handler';

/**
 * invoice.issued is emailed to the client's AP contact (parked until a contract event names it)
 * and fanned out to its webhook subscribers.
 */
@Injectable()
export class InvoiceIssuedConsumer implements EventHandler<'invoice.issued'> {
  static readonly event = 'invoice.issued';
  readonly event = InvoiceIssuedConsumer.event;

  constructor(private readonly planNotifications: PlanNotificationsHandler) {}

  async handle(envelope: EventEnvelope<'invoice.issued'>): Promise<void> {
    await this.planNotifications.execute(envelope);
  }
}
