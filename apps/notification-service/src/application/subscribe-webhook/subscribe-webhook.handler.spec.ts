import { DomainRejection } from '@mb/kernel';
import { InMemoryUnitOfWork } from '@mb/testing';
import { InMemoryWebhookSubscriptionRepository } from '../../../test/fakes/in-memory-webhook-subscription.repository';
import { SubscribeWebhookHandler } from './subscribe-webhook.handler';

describe('SubscribeWebhookHandler', () => {
  const now = new Date('2026-06-01T09:00:00Z');

  function setUp() {
    const unitOfWork = new InMemoryUnitOfWork();
    const subscriptions = new InMemoryWebhookSubscriptionRepository();
    const handler = new SubscribeWebhookHandler(unitOfWork, subscriptions, { now: () => now });
    return { unitOfWork, subscriptions, handler };
  }

  it('keeps a subscription to known events with a fresh signing secret, in one unit of work', async () => {
    // given no subscription yet
    const { unitOfWork, subscriptions, handler } = setUp();
    // when a system subscribes to two events, naming one twice
    const subscription = await handler.execute({ url: 'https://erp.example/hooks', events: ['invoice.paid', 'invoice.issued', 'invoice.paid'] });
    // then it is stored once per event, with a Standard Webhooks secret and the time it was made
    expect(subscription).toMatchObject({
      id: expect.stringMatching(/^whs_/),
      url: 'https://erp.example/hooks',
      events: ['invoice.paid', 'invoice.issued'],
      secret: expect.stringMatching(/^whsec_/),
      createdAt: now,
    });
    expect(subscriptions.stored()).toEqual([subscription]);
    expect(unitOfWork.unitsRun).toBe(1);
  });

  it('refuses an event the catalogue does not know, naming the events field, and keeps nothing', async () => {
    // given no subscription yet
    const { subscriptions, handler } = setUp();
    // when one names an unknown event
    const subscribing = handler.execute({ url: 'https://erp.example/hooks', events: ['invoice.paid', 'invoice.exploded'] });
    // then it is refused as invalid input on events, and nothing is stored
    await expect(subscribing).rejects.toMatchObject({ kind: 'invalid', code: 'webhook_subscription.unknown_event', field: 'events' });
    await expect(subscribing).rejects.toBeInstanceOf(DomainRejection);
    expect(subscriptions.stored()).toEqual([]);
  });

  it('refuses a URL that is not http or https, naming the url field, and keeps nothing', async () => {
    const { subscriptions, handler } = setUp();
    await expect(handler.execute({ url: 'ftp://erp.example/hooks', events: ['invoice.paid'] })).rejects.toMatchObject({
      code: 'webhook_subscription.invalid_url',
      field: 'url',
    });
    await expect(handler.execute({ url: 'not a url', events: ['invoice.paid'] })).rejects.toMatchObject({ code: 'webhook_subscription.invalid_url', field: 'url' });
    expect(subscriptions.stored()).toEqual([]);
  });

  it('refuses a subscription to no event at all', async () => {
    const { subscriptions, handler } = setUp();
    await expect(handler.execute({ url: 'https://erp.example/hooks', events: [] })).rejects.toMatchObject({ code: 'webhook_subscription.no_events', field: 'events' });
    expect(subscriptions.stored()).toEqual([]);
  });
});
