import { Inject, Injectable, Type } from '@nestjs/common';
import { AnyEventEnvelope, EVENT_NAMES, EventEnvelope, EventName } from '@mb/events';
import { AnyEventHandler, EventHandler, HandlerContext } from '@mb/messaging';
import { PlanNotificationsHandler } from '../../application/plan-notifications/plan-notifications.handler';
import { RecordRecipientsHandler } from '../../application/record-recipients/record-recipients.handler';

/**
 * One consumer per catalogue event, so that a webhook subscription may name any topic: each
 * plans the event's webhook deliveries (and emails for the emailed ones); the contract events
 * also teach the service who the client's AP contact is.
 */
function notificationConsumerOf<N extends EventName>(event: N): Type<EventHandler<N>> {
  @Injectable()
  class NotificationConsumer implements EventHandler<N> {
    readonly event = event;

    constructor(
      @Inject(PlanNotificationsHandler) private readonly planNotifications: PlanNotificationsHandler,
      @Inject(RecordRecipientsHandler) private readonly recordRecipients: RecordRecipientsHandler,
    ) {}

    async handle(envelope: EventEnvelope<N>, { manager }: HandlerContext): Promise<void> {
      const any = envelope as AnyEventEnvelope;
      if (any.event === 'contract.created' || any.event === 'contract.activated') {
        await this.recordRecipients.execute(manager, any);
      }
      await this.planNotifications.execute(manager, any);
    }
  }
  const name = `${event.replace(/(^|[._])([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}NotificationConsumer`;
  Object.defineProperty(NotificationConsumer, 'name', { value: name });
  return NotificationConsumer;
}

export const NOTIFICATION_CONSUMERS = EVENT_NAMES.map((event) => notificationConsumerOf(event)) as unknown as Type<AnyEventHandler>[];
