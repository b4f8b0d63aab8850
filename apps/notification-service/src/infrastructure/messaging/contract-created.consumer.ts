import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { PlanNotificationsHandler } from '../../application/plan-notifications/plan-notifications.handler';
import { RecordRecipientsHandler } from '../../application/record-recipients/record-recipients.handler';

/**
 * contract.created names the client and its AP contact: remember them (sending the notices parked
 * for want of them), then fan the event out to its webhook subscribers.
 */
@Injectable()
export class ContractCreatedConsumer implements EventHandler<'contract.created'> {
  static readonly event = 'contract.created';
  readonly event = ContractCreatedConsumer.event;

  constructor(
    private readonly recordRecipients: RecordRecipientsHandler,
    private readonly planNotifications: PlanNotificationsHandler,
  ) {}

  async handle(envelope: EventEnvelopeOfAnyVersion<'contract.created'>): Promise<void> {
    await this.recordRecipients.execute(envelope);
    await this.planNotifications.execute(envelope);
  }
}
