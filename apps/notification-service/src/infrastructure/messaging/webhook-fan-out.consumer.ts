import { Inject, Injectable, Type } from '@nestjs/common';
import { type AnyEventEnvelope, type EventEnvelopeOfAnyVersion, type EventName, WEBHOOK_EVENT_NAMES } from '@mb/events';
import type { AnyEventHandler, EventHandler } from '@mb/messaging';
import { isEmailedEvent, PlanNotificationsHandler } from '../../application/plan-notifications/plan-notifications.handler';
import { SubscribedEventsCache } from '../persistence/subscribed-events.cache';

/**
 * A webhook subscription may name any catalogue event but notification's own (notification.sent,
 * …, which would loop), so every other topic is consumed. The events
 * with a consumer of their own are left out (a consumer group has one handler per topic); every
 * other event gets this one, which plans a delivery for each subscription naming it.
 */
export function webhookFanOutConsumers(eventsWithTheirOwnConsumer: readonly EventName[]): Type<AnyEventHandler>[] {
  return WEBHOOK_EVENT_NAMES.filter((event) => !eventsWithTheirOwnConsumer.includes(event)).map(
    (event) => webhookFanOutConsumerOf(event) as unknown as Type<AnyEventHandler>,
  );
}

function webhookFanOutConsumerOf<N extends EventName>(event: N): Type<EventHandler<N>> {
  @Injectable()
  class WebhookFanOutConsumer implements EventHandler<N> {
    readonly event = event;

    constructor(
      @Inject(PlanNotificationsHandler) private readonly planNotifications: PlanNotificationsHandler,
      @Inject(SubscribedEventsCache) private readonly subscribedEvents: SubscribedEventsCache,
    ) {}

    /**
     * Most events of most topics reach no one: none of the subscriptions names their type and they
     * are not emailed. The consumer then skips them without a transaction (issue 13: notification
     * opened one per event of every topic). The type is the handler's own; headers are not needed.
     */
    ignores(): boolean {
      return !isEmailedEvent(event) && !this.subscribedEvents.mayBeSubscribed(event);
    }

    async handle(envelope: EventEnvelopeOfAnyVersion<N>): Promise<void> {
      await this.planNotifications.execute(envelope as AnyEventEnvelope);
    }
  }
  // A distinct class name per event, so Nest registers each as a provider of its own.
  const name = `${event.replace(/(^|[._])([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}WebhookFanOutConsumer`;
  Object.defineProperty(WebhookFanOutConsumer, 'name', { value: name });
  return WebhookFanOutConsumer;
}
