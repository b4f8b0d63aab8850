import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryDeliveryRepository } from '../../../test/fakes/in-memory-delivery.repository';
import { InMemoryRecipientDirectory } from '../../../test/fakes/in-memory-recipient-directory.repository';
import { InMemoryWebhookSubscriptionRepository } from '../../../test/fakes/in-memory-webhook-subscription.repository';
import { Delivery } from '../../domain/delivery/delivery';
import { THREE_DAYS_MS } from '../../domain/delivery/retry-policy';
import { WebhookSubscription } from '../../domain/webhook-subscription/webhook-subscription';
import { loadEmailRenderer } from '../../infrastructure/templates/template-files.loader';
import { WEBHOOK_FAILING_TIMER } from '../dispatch-delivery/dispatch-delivery.handler';
import { DisableFailingWebhookHandler } from './disable-failing-webhook.handler';

// The renderer the service builds at start-up, from the real template files.
const renderer = loadEmailRenderer();

describe('DisableFailingWebhookHandler', () => {
  const start = new Date('2031-02-01T09:00:00Z');

  it('disables a subscription failing for three days, publishes notification.webhook_disabled, emails its owner and cancels its open deliveries', async () => {
    // given a subscription whose streak began three days ago, with a delivery waiting to retry
    let now = start;
    const deliveries = new InMemoryDeliveryRepository();
    const subscriptions = new InMemoryWebhookSubscriptionRepository();
    const timers = new RecordingTimers();
    const outbox = new RecordingEventOutbox();
    const subscription = WebhookSubscription.subscribe({ id: 'whs_1', url: 'https://erp.example/hooks/x?token=t', events: ['invoice.paid'], now, ownerEmail: 'ops@erp.example' });
    subscription.recordFailedAttempt(start);
    await subscriptions.add(subscription);
    await deliveries.planOnce(
      Delivery.plan({ id: 'dlv_1', eventId: 'evt_1', eventName: 'invoice.paid', channel: 'webhook', recipient: 'https://erp.example/hooks/x?token=t', payload: { subscriptionId: 'whs_1', body: '{}' }, now }),
    );
    const handler = new DisableFailingWebhookHandler(new InMemoryUnitOfWork(), subscriptions, deliveries, timers, outbox, { now: () => now }, new InMemoryRecipientDirectory(), renderer);
    // when its timer fires a moment early, then nothing changes but the timer, set again
    now = new Date(start.getTime() + THREE_DAYS_MS - 1);
    await handler.execute({ subscriptionId: 'whs_1' });
    expect((await subscriptions.findById('whs_1'))?.status).toBe('active');
    expect(timers.pending()).toEqual([{ timer: WEBHOOK_FAILING_TIMER, key: 'whs_1', dueAt: new Date(start.getTime() + THREE_DAYS_MS), data: {} }]);
    // when it fires at three days
    now = new Date(start.getTime() + THREE_DAYS_MS);
    await handler.execute({ subscriptionId: 'whs_1' });
    // then it is disabled, the event names its URL's origin only, the owner's email is planned, the waiting delivery cancelled
    expect((await subscriptions.findById('whs_1'))?.status).toBe('disabled');
    expect(outbox.only('notification.webhook_disabled')).toMatchObject({ subscription_id: 'whs_1', url_origin: 'https://erp.example', failing_since: start.toISOString(), disabled_at: now.toISOString() });
    const email = deliveries.all().find((delivery) => delivery.channel === 'email');
    expect(email).toMatchObject({ recipient: 'ops@erp.example', eventName: 'notification.webhook_disabled', status: 'pending' });
    // written from the webhook-disabled template, in English (the subscription is no client's)
    expect(email?.payload).toMatchObject({ template: 'webhook-disabled', language: 'en', subject: 'Webhook subscription whs_1 disabled after three days of failed deliveries' });
    expect(deliveries.all().find((delivery) => delivery.id === 'dlv_1')).toMatchObject({ status: 'cancelled', lastError: 'subscription_disabled' });
    // and a second firing does nothing more
    await handler.execute({ subscriptionId: 'whs_1' });
    expect(outbox.names()).toEqual(['notification.webhook_disabled']);
  });
  it("writes to a client's subscription owner in the client's language", async () => {
    // given a German-speaking client's subscription failing for three days
    const deliveries = new InMemoryDeliveryRepository();
    const subscriptions = new InMemoryWebhookSubscriptionRepository();
    const directory = new InMemoryRecipientDirectory();
    await directory.rememberClient({ clientId: 'cli_de', clientName: 'Müller GmbH', apEmail: 'ap@mueller.example', approverEmail: null, language: 'de' });
    const subscription = WebhookSubscription.subscribe({ id: 'whs_2', url: 'https://erp.mueller.example/hooks', events: ['invoice.paid'], now: start, clientId: 'cli_de', ownerEmail: 'it@mueller.example' });
    subscription.recordFailedAttempt(start);
    await subscriptions.add(subscription);
    const now = new Date(start.getTime() + THREE_DAYS_MS);
    const handler = new DisableFailingWebhookHandler(new InMemoryUnitOfWork(), subscriptions, deliveries, new RecordingTimers(), new RecordingEventOutbox(), { now: () => now }, directory, renderer);
    // when its timer fires, then its owner is told in German
    await handler.execute({ subscriptionId: 'whs_2' });
    const email = deliveries.all().find((delivery) => delivery.channel === 'email');
    expect(email?.payload).toMatchObject({ template: 'webhook-disabled', language: 'de', subject: 'Webhook-Abonnement whs_2 nach drei Tagen fehlgeschlagener Zustellungen deaktiviert' });
  });
});
