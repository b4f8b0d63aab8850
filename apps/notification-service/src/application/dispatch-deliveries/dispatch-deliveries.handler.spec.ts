import { createHmac } from 'node:crypto';
import { InMemoryUnitOfWork } from '@mb/testing';
import { InMemoryDeliveryRepository } from '../../../test/fakes/in-memory-delivery.repository';
import { InMemoryWebhookSubscriptionRepository } from '../../../test/fakes/in-memory-webhook-subscription.repository';
import { RecordingEmailChannel, RecordingWebhookChannel } from '../../../test/fakes/recording-channels';
import { Delivery } from '../../domain/delivery/delivery';
import { WebhookSubscription } from '../../domain/webhook-subscription/webhook-subscription';
import { DISPATCH_BATCH_SIZE, DispatchDeliveriesHandler } from './dispatch-deliveries.handler';

describe('DispatchDeliveriesHandler', () => {
  const start = new Date('2026-06-01T09:00:00Z');
  const secret = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;

  function setUp() {
    let now = start;
    const unitOfWork = new InMemoryUnitOfWork();
    const deliveries = new InMemoryDeliveryRepository();
    const subscriptions = new InMemoryWebhookSubscriptionRepository();
    const email = new RecordingEmailChannel();
    const webhook = new RecordingWebhookChannel();
    const handler = new DispatchDeliveriesHandler(unitOfWork, deliveries, subscriptions, email, webhook, { now: () => now }, { WEBHOOK_RETRY_BASE_MS: 100 });
    const advance = (ms: number) => {
      now = new Date(now.getTime() + ms);
    };
    return { unitOfWork, deliveries, subscriptions, email, webhook, handler, advance };
  }

  async function anEmailDue(deliveries: InMemoryDeliveryRepository, id = 'dlv_email') {
    await deliveries.planOnce(
      Delivery.plan({
        id,
        eventId: `evt_${id}`,
        eventName: 'invoice.issued',
        channel: 'email',
        recipient: 'ap@acme.example',
        payload: { subject: 'Invoice INV-2026-000042', text: 'Dear Acme Corp' },
        now: start,
      }),
    );
  }

  async function aWebhookDue(deliveries: InMemoryDeliveryRepository, subscriptionId: string) {
    await deliveries.planOnce(
      Delivery.plan({
        id: 'dlv_hook',
        eventId: 'evt_paid',
        eventName: 'invoice.paid',
        channel: 'webhook',
        recipient: 'https://erp.example/hooks',
        payload: { subscriptionId, body: '{"event":"invoice.paid"}' },
        now: start,
      }),
    );
  }

  it('sends a due email with a Message-ID stable across retries and records it sent after one attempt', async () => {
    // given an email due now
    const { deliveries, email, handler } = setUp();
    await anEmailDue(deliveries);
    // when the dispatcher runs
    const attempted = await handler.execute();
    // then the message is handed to the email channel once and the delivery is sent, its attempt logged
    expect(attempted).toBe(1);
    expect(email.sent).toEqual([{ to: 'ap@acme.example', messageId: '<dlv_email@milestone-billing>', subject: 'Invoice INV-2026-000042', text: 'Dear Acme Corp' }]);
    expect(deliveries.only()).toMatchObject({ status: 'sent', attempts: 1, sentAt: start, nextAttemptAt: null, lastError: null });
    expect(deliveries.attemptsOf('dlv_email')).toEqual([{ deliveryId: 'dlv_email', attemptNumber: 1, attemptedAt: start, outcome: 'sent', statusCode: 250, error: null }]);
  });

  it("posts a webhook signed with its subscription's secret under the event's id", async () => {
    // given a webhook delivery for a subscription
    const { deliveries, subscriptions, webhook, handler } = setUp();
    await subscriptions.add(WebhookSubscription.subscribe({ id: 'whs_1', url: 'https://erp.example/hooks', events: ['invoice.paid'], now: start, secret }));
    await aWebhookDue(deliveries, 'whs_1');
    // when the dispatcher runs
    await handler.execute();
    // then the body goes to the URL with Standard Webhooks headers that verify with the secret
    const [request] = webhook.sent;
    expect(request).toMatchObject({ url: 'https://erp.example/hooks', body: '{"event":"invoice.paid"}' });
    expect(request.headers['webhook-id']).toBe('evt_paid');
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const signature = createHmac('sha256', key).update(`evt_paid.${request.headers['webhook-timestamp']}.${request.body}`).digest('base64');
    expect(request.headers['webhook-signature']).toBe(`v1,${signature}`);
    expect(deliveries.only()).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('retries a failed delivery after the backoff and logs every attempt', async () => {
    // given a webhook whose receiver answers 500 once, then accepts
    const { deliveries, subscriptions, webhook, handler, advance } = setUp();
    await subscriptions.add(WebhookSubscription.subscribe({ id: 'whs_1', url: 'https://erp.example/hooks', events: ['invoice.paid'], now: start, secret }));
    await aWebhookDue(deliveries, 'whs_1');
    webhook.answerWith({ ok: false, error: 'HTTP 500', statusCode: 500, permanent: false });
    // when the dispatcher runs, then it stays pending for the base wait of 100 ms
    await handler.execute();
    expect(deliveries.only()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500', nextAttemptAt: new Date(start.getTime() + 100) });
    // and a pass before the wait is over sends nothing
    advance(99);
    expect(await handler.execute()).toBe(0);
    expect(webhook.sent).toHaveLength(1);
    // when the wait is over, then the second attempt is sent
    advance(1);
    expect(await handler.execute()).toBe(1);
    expect(deliveries.only()).toMatchObject({ status: 'sent', attempts: 2 });
    expect(deliveries.attemptsOf('dlv_hook').map((attempt) => [attempt.attemptNumber, attempt.outcome, attempt.statusCode, attempt.error])).toEqual([
      [1, 'failed', 500, 'HTTP 500'],
      [2, 'sent', 200, null],
    ]);
  });

  it('fails an email for good on a permanent refusal, and never sends it again', async () => {
    // given an email the server refuses for good
    const { deliveries, email, handler, advance } = setUp();
    await anEmailDue(deliveries);
    email.answerWith({ ok: false, error: '550 mailbox unavailable', statusCode: 550, permanent: true });
    // when the dispatcher runs
    await handler.execute();
    // then the delivery is failed, and later passes leave it alone
    expect(deliveries.only()).toMatchObject({ status: 'failed', attempts: 1, lastError: '550 mailbox unavailable', nextAttemptAt: null });
    advance(60 * 60 * 1000);
    expect(await handler.execute()).toBe(0);
    expect(email.sent).toHaveLength(1);
  });

  it('fails a webhook delivery whose subscription no longer exists, without calling anyone', async () => {
    // given a webhook delivery for a subscription that is gone
    const { deliveries, webhook, handler } = setUp();
    await aWebhookDue(deliveries, 'whs_gone');
    // when the dispatcher runs, then it fails for good and nothing is posted
    await handler.execute();
    expect(deliveries.only()).toMatchObject({ status: 'failed', attempts: 1, lastError: 'subscription whs_gone no longer exists' });
    expect(webhook.sent).toEqual([]);
  });

  it('treats a channel that throws as a failure worth retrying', async () => {
    // given an email channel whose connection fails
    const { deliveries, email, handler } = setUp();
    await anEmailDue(deliveries);
    email.answerWith(new Error('connect ECONNREFUSED 127.0.0.1:2525'));
    // when the dispatcher runs, then the delivery waits for its next attempt with the error kept
    await handler.execute();
    expect(deliveries.only()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'connect ECONNREFUSED 127.0.0.1:2525', nextAttemptAt: new Date(start.getTime() + 100) });
  });

  it('claims one batch per pass, and the next pass takes the rest', async () => {
    // given one more email due than a batch holds
    const { deliveries, email, handler } = setUp();
    for (let index = 0; index <= DISPATCH_BATCH_SIZE; index += 1) await anEmailDue(deliveries, `dlv_${String(index).padStart(2, '0')}`);
    // when the dispatcher runs twice, then the first pass sends a batch and the second the last one
    expect(await handler.execute()).toBe(DISPATCH_BATCH_SIZE);
    expect(await handler.execute()).toBe(1);
    expect(email.sent).toHaveLength(DISPATCH_BATCH_SIZE + 1);
    expect(deliveries.all().every((delivery) => delivery.status === 'sent')).toBe(true);
  });
});
