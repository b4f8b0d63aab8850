import { InMemoryUnitOfWork, RecordingTimers } from '@mb/testing';
import { InMemoryDeliveryRepository } from '../../../test/fakes/in-memory-delivery.repository';
import { InMemoryWebhookSubscriptionRepository } from '../../../test/fakes/in-memory-webhook-subscription.repository';
import { Delivery } from '../../domain/delivery/delivery';
import { WebhookSubscription } from '../../domain/webhook-subscription/webhook-subscription';
import { DELIVERY_DUE_TIMER } from '../dispatch-delivery/dispatch-delivery.handler';
import { MAX_EVENTS_PER_REPLAY, ReplayWebhookDeliveriesHandler } from './replay-webhook-deliveries.handler';

describe('ReplayWebhookDeliveriesHandler', () => {
  const now = new Date('2031-02-01T09:00:00Z');

  async function setUp(events: number) {
    const deliveries = new InMemoryDeliveryRepository();
    const subscriptions = new InMemoryWebhookSubscriptionRepository();
    const timers = new RecordingTimers();
    await subscriptions.add(WebhookSubscription.subscribe({ id: 'whs_1', url: 'https://erp.example/hooks', events: ['invoice.paid'], now, clientId: 'cli_A', ownerEmail: 'ops@erp.example' }));
    for (let day = 1; day <= events; day += 1) {
      const createdAt = new Date(Date.UTC(2031, 0, 1) + day * 60_000).toISOString();
      await deliveries.planOnce(
        Delivery.plan({
          id: `dlv_${day}`,
          eventId: `evt_${day}`,
          eventName: 'invoice.paid',
          clientId: 'cli_A',
          channel: 'webhook',
          recipient: 'https://erp.example/hooks',
          payload: { subscriptionId: 'whs_1', body: JSON.stringify({ event: 'invoice.paid', id: `evt_${day}`, created_at: createdAt, data: {} }) },
          now,
        }),
      );
    }
    const handler = new ReplayWebhookDeliveriesHandler(new InMemoryUnitOfWork(), subscriptions, deliveries, timers, { now: () => now });
    return { deliveries, subscriptions, timers, handler };
  }

  const range = (days: number) => ({ from: new Date('2031-01-01T00:00:00Z'), to: new Date(Date.UTC(2031, 0, 1) + (days + 1) * 60_000), eventTypes: [] });

  it('replays every event of a range up to the bound, each as a new delivery of the same body, due at once', async () => {
    // given a subscription sent exactly as many events as one replay may send
    const { deliveries, timers, handler } = await setUp(MAX_EVENTS_PER_REPLAY);
    // when the range is replayed
    const replays = await handler.execute({ subscriptionId: 'whs_1', callerClientId: null, reason: 'backfill', range: range(MAX_EVENTS_PER_REPLAY) });
    // then each event gets a new delivery repeating the first, with its timer
    expect(replays).toHaveLength(MAX_EVENTS_PER_REPLAY);
    expect(replays[0]).toMatchObject({ eventId: 'evt_1', replayOf: 'dlv_1', replayReason: 'backfill', status: 'pending', payload: (deliveries.all()[0].payload as object) });
    expect(timers.pending().filter((timer) => timer.timer === DELIVERY_DUE_TIMER)).toHaveLength(MAX_EVENTS_PER_REPLAY);
  });

  it('refuses a range of more events than the bound, naming the rule, and plans nothing', async () => {
    const { deliveries, handler } = await setUp(MAX_EVENTS_PER_REPLAY + 1);
    await expect(handler.execute({ subscriptionId: 'whs_1', callerClientId: null, reason: null, range: range(MAX_EVENTS_PER_REPLAY + 1) })).rejects.toMatchObject({
      code: 'webhook_replay.too_many_events',
      field: 'from',
    });
    expect(deliveries.all()).toHaveLength(MAX_EVENTS_PER_REPLAY + 1);
  });

  it("treats another client's subscription as not found for a client caller", async () => {
    const { handler } = await setUp(1);
    await expect(handler.execute({ subscriptionId: 'whs_1', callerClientId: 'cli_B', reason: null, deliveryId: 'dlv_1' })).rejects.toMatchObject({ code: 'webhook_subscription.not_found' });
  });
});
