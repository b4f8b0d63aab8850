import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { PlanNotificationsHandler } from '../../application/plan-notifications/plan-notifications.handler';
import { RecordRecipientsHandler } from '../../application/record-recipients/record-recipients.handler';

/**
 * contract.activated names the client and its AP contact: remember them (sending the notices parked
 * for want of them), then fan the event out to its webhook subscribers.
 */
@Injectable()
export class ContractActivatedConsumer implements EventHandler<'contract.activated'> {
  static readonly event = 'contract.activated';
  readonly event = ContractActivatedConsumer.event;

  constructor(
    private readonly recordRecipients: RecordRecipientsHandler,
    private readonly planNotifications: PlanNotificationsHandler,
  ) {}

  async handle(envelope: EventEnvelopeOfAnyVersion<'contract.activated'>): Promise<void> {
    await this.recordRecipients.execute(envelope);
    await this.planNotifications.execute(envelope);
  }
}
