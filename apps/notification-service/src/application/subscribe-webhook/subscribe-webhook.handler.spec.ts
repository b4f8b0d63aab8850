import { DomainRejection } from '@mb/kernel';
import { InMemoryUnitOfWork } from '@mb/testing';
import { InMemoryWebhookSubscriptionRepository } from '../../../test/fakes/in-memory-webhook-subscription.repository';
import { RecordingWebhookChannel } from '../../../test/fakes/recording-channels';
import { SubscribeWebhookHandler } from './subscribe-webhook.handler';

describe('SubscribeWebhookHandler', () => {
  const now = new Date('2026-06-01T09:00:00Z');

  function setUp(plainHttp: 'refused' | 'local-development' = 'refused') {
    const unitOfWork = new InMemoryUnitOfWork();
    const subscriptions = new InMemoryWebhookSubscriptionRepository();
    const webhook = new RecordingWebhookChannel();
    const handler = new SubscribeWebhookHandler(unitOfWork, subscriptions, webhook, { now: () => now }, { WEBHOOK_HTTP_URLS: plainHttp });
    return { unitOfWork, subscriptions, webhook, handler };
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

  it('refuses a URL that is not https, naming the url field, and keeps nothing', async () => {
    const { subscriptions, handler } = setUp();
    await expect(handler.execute({ url: 'ftp://erp.example/hooks', events: ['invoice.paid'] })).rejects.toMatchObject({
      code: 'webhook_subscription.https_required',
      field: 'url',
    });
    await expect(handler.execute({ url: 'http://erp.example/hooks', events: ['invoice.paid'] })).rejects.toMatchObject({
      code: 'webhook_subscription.https_required',
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

  it('accepts an http URL where the local stack allows plain http', async () => {
    // given a service configured for local development
    const { subscriptions, handler } = setUp('local-development');
    // when a receiver without TLS subscribes, then it is kept
    await handler.execute({ url: 'http://receiver.test/hooks', events: ['invoice.paid'] });
    expect(subscriptions.stored()).toEqual([expect.objectContaining({ url: 'http://receiver.test/hooks' })]);
  });

  it("refuses a URL whose host the webhook channel refuses, naming the url field and the address range, and keeps nothing", async () => {
    // given a channel that finds the host resolving to a private address
    const { subscriptions, webhook, handler } = setUp();
    webhook.refuseDestinations({ allowed: false, reason: 'destination_refused', rule: 'private' });
    // when a subscription names it, then it is refused and nothing is stored
    await expect(handler.execute({ url: 'https://erp.internal.example/hooks', events: ['invoice.paid'] })).rejects.toMatchObject({
      kind: 'invalid',
      code: 'webhook_subscription.destination_refused',
      field: 'url',
      message: expect.stringContaining('private address'),
    });
    expect(webhook.checkedDestinations).toEqual(['https://erp.internal.example/hooks']);
    expect(subscriptions.stored()).toEqual([]);
  });

  it('refuses a URL whose host resolves to nothing', async () => {
    const { subscriptions, webhook, handler } = setUp();
    webhook.refuseDestinations({ allowed: false, reason: 'dns_unresolved' });
    await expect(handler.execute({ url: 'https://nowhere.example/hooks', events: ['invoice.paid'] })).rejects.toMatchObject({ code: 'webhook_subscription.unresolvable_host', field: 'url' });
    expect(subscriptions.stored()).toEqual([]);
  });
});
