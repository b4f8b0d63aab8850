import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { PlanNotificationsHandler } from '../../application/plan-notifications/plan-notifications.handler';

/**
 * invoice.payment_reminder_due is emailed to the client's AP contact (parked until a contract event
 * names it), with the tone of its kind, and fanned out to its webhook subscribers.
 */
@Injectable()
export class InvoicePaymentReminderDueConsumer implements EventHandler<'invoice.payment_reminder_due'> {
  static readonly event = 'invoice.payment_reminder_due';
  readonly event = InvoicePaymentReminderDueConsumer.event;

  constructor(private readonly planNotifications: PlanNotificationsHandler) {}

  async handle(envelope: EventEnvelope<'invoice.payment_reminder_due'>): Promise<void> {
    await this.planNotifications.execute(envelope);
  }
}
