import { loadEmailRenderer } from '../../infrastructure/templates/template-files.loader';
import { aValidEvent, EVENT_NAMES, WEBHOOK_EVENT_NAMES } from '@mb/events';
import { newEventId } from '@mb/kernel';
import type { AnyEventHandler, HandlerContext } from '@mb/messaging';
import { InMemoryUnitOfWork } from '@mb/testing';
import { InMemoryDeliveryRepository } from '../../../test/fakes/in-memory-delivery.repository';
import { InMemoryParkedNoticeRepository } from '../../../test/fakes/in-memory-parked-notice.repository';
import { InMemoryRecipientDirectory } from '../../../test/fakes/in-memory-recipient-directory.repository';
import { InMemoryWebhookSubscriptionRepository } from '../../../test/fakes/in-memory-webhook-subscription.repository';
import { RecordingTimers } from '@mb/testing';
import { PlanNotificationsHandler } from '../../application/plan-notifications/plan-notifications.handler';
import { WebhookSubscription } from '../../domain/webhook-subscription/webhook-subscription';
import { NOTIFICATION_CONSUMERS } from '../../notification.module';
import { webhookFanOutConsumers } from './webhook-fan-out.consumer';

// The renderer the service builds at start-up, from the real template files.
const renderer = loadEmailRenderer();

describe('The webhook fan-out consumers', () => {
  it("leave out the events that have a consumer of their own, so every catalogue event but notification's own is consumed exactly once", () => {
    // given the events with their own consumer, when the fan-out is made for the rest
    const fanOut = webhookFanOutConsumers(['contract.created', 'invoice.issued']);
    // then it covers every other event
    const fanOutEvents = fanOut.map((consumer) => new consumer({} as never).event);
    expect(fanOutEvents).toHaveLength(WEBHOOK_EVENT_NAMES.length - 2);
    expect(fanOutEvents).not.toContain('contract.created');
    expect(fanOutEvents).not.toContain('invoice.issued');
    // and the service's consumer group handles each catalogue event once, so a subscription may name any
    const consumed = NOTIFICATION_CONSUMERS.map((consumer) => new consumer({} as never, {} as never).event);
    expect([...consumed].sort()).toEqual([...WEBHOOK_EVENT_NAMES].sort());
    // but notification's own: a delivery's outcome fanned out to webhooks would be a delivery with an outcome, a loop
    expect(EVENT_NAMES.filter((event) => !consumed.includes(event))).toEqual(['notification.sent', 'notification.failed', 'notification.webhook_disabled']);
  });

  it('plan a webhook delivery for each subscription naming the event', async () => {
    // given a subscription to invoice.paid
    const now = new Date('2026-06-01T09:00:00Z');
    const deliveries = new InMemoryDeliveryRepository();
    const subscriptions = new InMemoryWebhookSubscriptionRepository();
    await subscriptions.add(WebhookSubscription.subscribe({ id: 'whs_1', url: 'https://erp.example/hooks', events: ['invoice.paid'], now }));
    const planNotifications = new PlanNotificationsHandler(
      new InMemoryUnitOfWork(),
      deliveries,
      subscriptions,
      new InMemoryRecipientDirectory(),
      new InMemoryParkedNoticeRepository(),
      new RecordingTimers(),
      { now: () => now },
      { APPROVAL_LINKS_BASE_URL: 'http://localhost:3002' },
      renderer,
    );
    const [consumerType] = webhookFanOutConsumers(EVENT_NAMES.filter((event) => event !== 'invoice.paid'));
    const consumer: AnyEventHandler = new consumerType(planNotifications);
    // when the invoice.paid consumer handles one
    const paid = aValidEvent('invoice.paid', { id: newEventId() });
    await consumer.handle(paid as never, {} as HandlerContext);
    // then one webhook delivery is planned to the subscriber
    expect(consumer.event).toBe('invoice.paid');
    expect(deliveries.only()).toMatchObject({ eventId: paid.id, channel: 'webhook', recipient: 'https://erp.example/hooks', status: 'pending' });
  });

  it('ignore, without a transaction, an event no subscription names and no email is made of, and only such events', () => {
    // given subscriptions naming invoice.paid only, as the subscribed-events cache read them
    const subscribedEvents = { mayBeSubscribed: (event: string) => event === 'invoice.paid' };
    const fanOutOf = (event: string) => {
      const consumer = webhookFanOutConsumers([]).find((type) => new type({} as never, {} as never).event === event);
      if (!consumer) throw new Error(`no fan-out consumer of ${event}`);
      return new consumer({} as never, subscribedEvents as never) as AnyEventHandler & { ignores(): boolean };
    };
    // then an unsubscribed webhook-only event is ignored; a subscribed one, or an emailed one, is handled
    expect(fanOutOf('milestone.status_updated').ignores()).toBe(true);
    expect(fanOutOf('invoice.paid').ignores()).toBe(false);
    expect(fanOutOf('credit_note.issued').ignores()).toBe(false);
  });
});
