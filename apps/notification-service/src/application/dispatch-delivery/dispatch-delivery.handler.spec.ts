import { createHmac } from 'node:crypto';
import { createLogger } from '@mb/observability';
import { InMemoryUnitOfWork } from '@mb/testing';
import { InMemoryDeliveryRepository } from '../../../test/fakes/in-memory-delivery.repository';
import { InMemoryWebhookSubscriptionRepository } from '../../../test/fakes/in-memory-webhook-subscription.repository';
import { FakeDocumentFetcher, RecordingEmailChannel, RecordingWebhookChannel } from '../../../test/fakes/recording-channels';
import { RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { Delivery } from '../../domain/delivery/delivery';
import { THREE_DAYS_MS } from '../../domain/delivery/retry-policy';
import { WebhookSubscription } from '../../domain/webhook-subscription/webhook-subscription';
import { type ClaimedDelivery, DEFERRED_CLAIM_MS, DELIVERY_DUE_TIMER, DispatchDeliveryHandler, WEBHOOK_FAILING_TIMER } from './dispatch-delivery.handler';

describe('DispatchDeliveryHandler', () => {
  const start = new Date('2026-06-01T09:00:00Z');
  const secret = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;
  const at = (ms: number) => new Date(start.getTime() + ms);

  const LEASE_MS = 30_000;

  function setUp() {
    let now = start;
    const unitOfWork = new InMemoryUnitOfWork();
    const deliveries = new InMemoryDeliveryRepository();
    deliveries.now = () => now.getTime();
    const subscriptions = new InMemoryWebhookSubscriptionRepository();
    const email = new RecordingEmailChannel();
    const webhook = new RecordingWebhookChannel();
    const documents = new FakeDocumentFetcher();
    const leaseTimers: { key: string; dueAt: Date }[] = [];
    /** The attempts' timers in `scheduled`; the claims' lease timers (due a lease after the claim) kept apart in `leaseTimers`. */
    const timers = new (class extends RecordingTimers {
      override async schedule(timer: string, key: string, dueAt: Date, data: Record<string, unknown> = {}): Promise<void> {
        if (dueAt.getTime() - now.getTime() === LEASE_MS) leaseTimers.push({ key, dueAt });
        else await super.schedule(timer, key, dueAt, data);
      }
    })();
    const outbox = new RecordingEventOutbox();
    const handler = new DispatchDeliveryHandler(unitOfWork, deliveries, subscriptions, email, webhook, documents, timers, outbox, { now: () => now }, { WEBHOOK_RETRY_BASE_MS: 100, DELIVERY_LEASE_MS: LEASE_MS }, createLogger('notification-service', 'silent'));
    const advance = (ms: number) => {
      now = new Date(now.getTime() + ms);
    };
    /** The delivery's timer fires. */
    const fire = (deliveryId: string) => handler.execute({ deliveryId });
    return { unitOfWork, deliveries, subscriptions, email, webhook, documents, timers, leaseTimers, outbox, handler, advance, fire };
  }

  function claimedOrFail(claimed: ClaimedDelivery | null): ClaimedDelivery {
    if (!claimed) throw new Error('expected the delivery to be claimed');
    return claimed;
  }

  async function anInvoiceEmailDue(deliveries: InMemoryDeliveryRepository) {
    await deliveries.planOnce(
      Delivery.plan({
        id: 'dlv_invoice',
        eventId: 'evt_issued',
        eventName: 'invoice.issued',
        channel: 'email',
        recipient: 'ap@acme.example',
        payload: { subject: 'Invoice INV-2026-000042', text: 'Dear Acme Corp', attachments: [{ kind: 'invoice_pdf', id: 'inv_42' }] },
        now: start,
      }),
    );
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

  async function aSubscription(subscriptions: InMemoryWebhookSubscriptionRepository) {
    await subscriptions.add(WebhookSubscription.subscribe({ id: 'whs_1', url: 'https://erp.example/hooks', events: ['invoice.paid'], now: start, secret }));
  }

  it('attaches the documents an email names, fetched when it is sent', async () => {
    // given an invoice email that attaches the invoice PDF
    const { deliveries, email, documents, fire } = setUp();
    await anInvoiceEmailDue(deliveries);
    // when its timer fires
    await fire('dlv_invoice');
    // then the PDF is fetched by its reference and sent as an attachment
    expect(documents.fetched).toEqual([{ kind: 'invoice_pdf', id: 'inv_42' }]);
    expect(email.sent).toHaveLength(1);
    expect(email.sent[0].attachments).toEqual([{ filename: 'inv_42.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.3 invoice_pdf inv_42') }]);
    expect(deliveries.only()).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('sends nothing while an attachment cannot be fetched, and retries on the delivery timer', async () => {
    // given an invoice email whose PDF the invoicing API does not serve for now
    const { deliveries, email, documents, timers, fire, advance } = setUp();
    await anInvoiceEmailDue(deliveries);
    documents.makeUnavailable('document_http_503');
    // when its timer fires
    await fire('dlv_invoice');
    // then no email leaves, the attempt is logged as failed and the timer is set again
    expect(email.sent).toEqual([]);
    expect(deliveries.only()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'attachment_unavailable: invoice_pdf document_http_503' });
    const retryAt = deliveries.only().nextAttemptAt as Date;
    expect(timers.scheduled).toEqual([{ timer: DELIVERY_DUE_TIMER, key: 'dlv_invoice', dueAt: retryAt, data: {} }]);
    // when the document can be had again and the retry fires
    documents.makeUnavailable(null);
    advance(retryAt.getTime() - start.getTime());
    await fire('dlv_invoice');
    // then the email goes out with the PDF
    expect(email.sent.map((message) => message.attachments?.map((attachment) => attachment.filename))).toEqual([['inv_42.pdf']]);
    expect(deliveries.only()).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('sends a due email once, with a Message-ID stable across retries, and records it sent', async () => {
    // given an email due now
    const { unitOfWork, deliveries, email, timers, fire } = setUp();
    await anEmailDue(deliveries);
    // when its timer fires
    await fire('dlv_email');
    // then the message is handed to the email channel once, between two units of work (the claim,
    // the outcome: none is open while the channel has it), and the delivery is sent with its attempt logged
    expect(email.sent).toEqual([{ to: 'ap@acme.example', messageId: '<dlv_email@milestone-billing>', subject: 'Invoice INV-2026-000042', text: 'Dear Acme Corp', attachments: [] }]);
    expect(unitOfWork.unitsRun).toBe(2);
    expect(deliveries.only()).toMatchObject({ status: 'sent', attempts: 1, sentAt: start, nextAttemptAt: null, lastError: null });
    expect(deliveries.attemptsOf('dlv_email')).toEqual([{ deliveryId: 'dlv_email', attemptNumber: 1, attemptedAt: start, outcome: 'sent', statusCode: 250, error: null }]);
    // and no timer is set again: the claim's lease timer is cancelled
    expect(timers.scheduled).toEqual([]);
    expect(timers.cancelled).toEqual([{ timer: DELIVERY_DUE_TIMER, key: 'dlv_email' }]);
  });

  it('claims a due delivery under a lease, with its timer at the lease end, and a second firing while the claim is live takes nothing', async () => {
    // given an email due now
    const { deliveries, email, leaseTimers, handler, advance } = setUp();
    await anEmailDue(deliveries);
    // when one firing claims it (its send in flight), and its timer fires again on another instance before the lease ends
    const claimed = claimedOrFail(await handler.claim({ deliveryId: 'dlv_email' }));
    advance(LEASE_MS - 1);
    const second = await handler.claim({ deliveryId: 'dlv_email' });
    // then only the first claim holds, and the timer comes back at each claim's lease end, to take over a dead holder's
    expect(claimed).toMatchObject({ endpoint: 'smtp', delivery: { id: 'dlv_email', status: 'pending' } });
    expect(second).toBeNull();
    expect(leaseTimers).toEqual([
      { key: 'dlv_email', dueAt: at(LEASE_MS) },
      { key: 'dlv_email', dueAt: at(2 * LEASE_MS - 1) },
    ]);
    // and once renewed, the claim outlives its first lease; the send's outcome is recorded under it
    expect(await handler.renewClaims([claimed])).toEqual(new Set([claimed.token]));
    advance(2);
    expect(await handler.claim({ deliveryId: 'dlv_email' })).toBeNull();
    expect(await handler.recordOutcome(claimed, await handler.send(claimed))).toMatchObject({ recorded: true, delivery: { status: 'sent' } });
    expect(email.sent).toHaveLength(1);
  });

  it("takes over a claim whose lease ran out, and the first holder's outcome is then not recorded", async () => {
    // given an email claimed by an instance that froze past its lease
    const { deliveries, email, handler, advance } = setUp();
    await anEmailDue(deliveries);
    const frozen = claimedOrFail(await handler.claim({ deliveryId: 'dlv_email' }));
    advance(LEASE_MS);
    // when another firing claims it, and sends it
    const takenOver = claimedOrFail(await handler.claim({ deliveryId: 'dlv_email' }));
    expect(await handler.renewClaims([frozen])).toEqual(new Set());
    await handler.recordOutcome(takenOver, await handler.send(takenOver));
    // then the frozen instance's late outcome is refused by the claim's fence
    expect(await handler.recordOutcome(frozen, { ok: true, statusCode: 250 })).toEqual({ recorded: false, reason: 'claim_lost' });
    expect(deliveries.attemptsOf('dlv_email')).toHaveLength(1);
    expect(email.sent).toHaveLength(1);
  });

  it('claims nothing for an endpoint the dispatcher does not admit now, and looks again a little later', async () => {
    // given an email due now, and a dispatcher whose queue for the SMTP relay is full
    const { deliveries, timers, handler } = setUp();
    await anEmailDue(deliveries);
    // when its timer fires
    const claimed = await handler.claim({ deliveryId: 'dlv_email', admits: (endpoint) => endpoint !== 'smtp' });
    // then it is left unclaimed, its timer set again shortly
    expect(claimed).toBeNull();
    expect(timers.pending()).toEqual([expect.objectContaining({ key: 'dlv_email', dueAt: at(DEFERRED_CLAIM_MS) })]);
    expect(await handler.claim({ deliveryId: 'dlv_email' })).not.toBeNull();
  });

  it('does nothing when the timer of a delivery already sent fires again', async () => {
    // given an email sent when its timer fired
    const { deliveries, email, timers, advance, fire } = setUp();
    await anEmailDue(deliveries);
    await fire('dlv_email');
    // when the same timer fires a second time, later
    advance(60_000);
    await fire('dlv_email');
    // then nothing more is sent, attempted or set
    expect(email.sent).toHaveLength(1);
    expect(deliveries.only()).toMatchObject({ status: 'sent', attempts: 1, sentAt: start });
    expect(deliveries.attemptsOf('dlv_email')).toHaveLength(1);
    expect(timers.scheduled).toEqual([]);
  });

  it("posts a webhook signed with its subscription's secret under the event's id", async () => {
    // given a webhook delivery for a subscription
    const { deliveries, subscriptions, webhook, fire } = setUp();
    await aSubscription(subscriptions);
    await aWebhookDue(deliveries, 'whs_1');
    // when its timer fires
    await fire('dlv_hook');
    // then the body goes to the URL with Standard Webhooks headers that verify with the secret
    const [request] = webhook.sent;
    expect(request).toMatchObject({ url: 'https://erp.example/hooks', body: '{"event":"invoice.paid"}' });
    expect(request.headers['webhook-id']).toBe('evt_paid');
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const signature = createHmac('sha256', key).update(`evt_paid.${request.headers['webhook-timestamp']}.${request.body}`).digest('base64');
    expect(request.headers['webhook-signature']).toBe(`v1,${signature}`);
    expect(deliveries.only()).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('sets the timer again at the backoff instant after a failure, and sends when it fires', async () => {
    // given a webhook whose receiver answers 500 once, then accepts
    const { deliveries, subscriptions, webhook, timers, advance, fire } = setUp();
    await aSubscription(subscriptions);
    await aWebhookDue(deliveries, 'whs_1');
    webhook.answerWith({ ok: false, error: 'HTTP 500', statusCode: 500, permanent: false });
    // when its timer fires
    await fire('dlv_hook');
    // then it stays pending, and its timer is set for the retry policy's first wait (base 100 ms)
    expect(deliveries.only()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500', nextAttemptAt: at(100) });
    // and the subscription's failing streak started, its three-day timer set
    expect(timers.pending()).toEqual([
      { timer: DELIVERY_DUE_TIMER, key: 'dlv_hook', dueAt: at(100), data: {} },
      { timer: WEBHOOK_FAILING_TIMER, key: 'whs_1', dueAt: at(THREE_DAYS_MS), data: {} },
    ]);
    // when that timer fires at its instant
    advance(100);
    timers.take(DELIVERY_DUE_TIMER, 'dlv_hook');
    await fire('dlv_hook');
    // then the second attempt is sent, both attempts logged, and no timer waits
    expect(webhook.sent).toHaveLength(2);
    expect(deliveries.only()).toMatchObject({ status: 'sent', attempts: 2 });
    expect(deliveries.attemptsOf('dlv_hook').map((attempt) => [attempt.attemptNumber, attempt.outcome, attempt.statusCode, attempt.error])).toEqual([
      [1, 'failed', 500, 'HTTP 500'],
      [2, 'sent', 200, null],
    ]);
    // and the accepted attempt ended the streak: its timer is cancelled
    expect(timers.pending()).toEqual([]);
    expect((await subscriptions.findById('whs_1'))?.snapshot().failingSince).toBeNull();
  });

  it('doubles the wait after each failure', async () => {
    // given an email whose server is down for three attempts
    const { deliveries, email, timers, advance, fire } = setUp();
    await anEmailDue(deliveries);
    const down = { ok: false as const, error: '421 try later', statusCode: 421, permanent: false };
    email.answerWith(down, down, down);
    // when its timer fires each time it was set
    await fire('dlv_email');
    advance(100);
    await fire('dlv_email');
    advance(200);
    await fire('dlv_email');
    // then it was set 100, 200 and 400 ms after each failed attempt
    expect(timers.scheduled.map((set) => set.dueAt)).toEqual([at(100), at(300), at(700)]);
    expect(deliveries.only()).toMatchObject({ status: 'pending', attempts: 3, nextAttemptAt: at(700) });
  });

  it('sends nothing when its timer fires before the next attempt is due, and waits on for it', async () => {
    // given a delivery whose next attempt is 100 ms after a failure
    const { deliveries, email, timers, advance, fire } = setUp();
    await anEmailDue(deliveries);
    email.answerWith(new Error('connect ECONNREFUSED 127.0.0.1:2525'));
    await fire('dlv_email');
    // when a timer fires 1 ms early (the clocks of two hosts a little apart)
    advance(99);
    await fire('dlv_email');
    // then nothing is sent, and the timer is set again for the attempt it stands for
    expect(email.sent).toHaveLength(1);
    expect(deliveries.only()).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(100) });
    expect(timers.scheduled.map((set) => set.dueAt)).toEqual([at(100), at(100)]);
  });

  it('fails an email for good on a permanent refusal, and sets no timer again', async () => {
    // given an email the server refuses for good
    const { deliveries, email, timers, advance, fire } = setUp();
    await anEmailDue(deliveries);
    email.answerWith({ ok: false, error: '550 mailbox unavailable', statusCode: 550, permanent: true });
    // when its timer fires
    await fire('dlv_email');
    // then the delivery is failed, no timer is set, and a late firing leaves it alone
    expect(deliveries.only()).toMatchObject({ status: 'failed', attempts: 1, lastError: '550 mailbox unavailable', nextAttemptAt: null });
    expect(timers.scheduled).toEqual([]);
    advance(60 * 60 * 1000);
    await fire('dlv_email');
    expect(email.sent).toHaveLength(1);
  });

  it('abandons a delivery still failing when the three-day window closes', async () => {
    // given an email first attempted almost three days ago, failing ever since, due again now
    const { deliveries, email, timers, fire } = setUp();
    await deliveries.planOnce(
      Delivery.restore({
        ...Delivery.plan({
          id: 'dlv_stubborn',
          eventId: 'evt_stubborn',
          eventName: 'invoice.issued',
          channel: 'email',
          recipient: 'ap@acme.example',
          payload: { subject: 'Invoice INV-2026-000042', text: 'Dear Acme Corp' },
          now: new Date(start.getTime() - THREE_DAYS_MS),
        }).snapshot(),
        attempts: 80,
        firstAttemptAt: new Date(start.getTime() - THREE_DAYS_MS + 30 * 60 * 1000),
        nextAttemptAt: start,
        lastError: '421 try later',
      }),
    );
    email.answerWith({ ok: false, error: '421 try later', statusCode: 421, permanent: false });
    // when its timer fires and the attempt fails again (the next wait, an hour, ends past the window)
    await fire('dlv_stubborn');
    // then it is abandoned, and no timer is set again
    expect(deliveries.only()).toMatchObject({ status: 'abandoned', attempts: 81, nextAttemptAt: null, lastError: '421 try later' });
    expect(timers.scheduled).toEqual([]);
  });

  it('cancels a webhook delivery whose subscription no longer exists, without calling anyone', async () => {
    // given a webhook delivery for a subscription that is gone
    const { deliveries, webhook, timers, outbox, fire } = setUp();
    await aWebhookDue(deliveries, 'whs_gone');
    // when its timer fires, then it is cancelled and nothing is posted, set or published
    await fire('dlv_hook');
    expect(deliveries.only()).toMatchObject({ status: 'cancelled', attempts: 0, lastError: 'subscription_gone' });
    expect(webhook.sent).toEqual([]);
    expect(timers.scheduled).toEqual([]);
    expect(outbox.recorded).toEqual([]);
  });

  it("holds a paused subscription's delivery without sending it, and cancels a deleted one's", async () => {
    // given a webhook delivery due for a paused subscription
    const { deliveries, subscriptions, webhook, timers, fire } = setUp();
    await aSubscription(subscriptions);
    const subscription = (await subscriptions.lockById('whs_1')) as WebhookSubscription;
    subscription.pause(start);
    await subscriptions.save(subscription);
    await aWebhookDue(deliveries, 'whs_1');
    // when its timer fires, then it is held: nothing posted, no timer
    await fire('dlv_hook');
    expect(deliveries.only()).toMatchObject({ status: 'held', attempts: 0, nextAttemptAt: null });
    expect(webhook.sent).toEqual([]);
    expect(timers.scheduled).toEqual([]);
    // when it is released and the subscription deleted before its timer fires
    await deliveries.releaseHeld('whs_1', start);
    subscription.delete(start);
    await subscriptions.save(subscription);
    await fire('dlv_hook');
    // then it is cancelled, still unsent
    expect(deliveries.only()).toMatchObject({ status: 'cancelled', lastError: 'subscription_deleted' });
    expect(webhook.sent).toEqual([]);
  });

  it('records a send that was in flight when its subscription was disabled: accepted, it is sent and told once', async () => {
    // given a webhook delivery claimed, its send in flight
    const { deliveries, subscriptions, handler, timers, outbox } = setUp();
    await aSubscription(subscriptions);
    await aWebhookDue(deliveries, 'whs_1');
    const claimed = claimedOrFail(await handler.claim({ deliveryId: 'dlv_hook' }));
    // when the subscription is disabled meanwhile (its open deliveries cancelled), and the receiver then accepts the send
    await deliveries.cancelOpen('whs_1', 'subscription_disabled');
    const recorded = await handler.recordOutcome(claimed, { ok: true, statusCode: 204 });
    // then the attempt is recorded and the delivery is sent: it reached the receiver
    expect(recorded).toMatchObject({ recorded: true, delivery: { status: 'sent', attempts: 1 } });
    expect(deliveries.attemptsOf('dlv_hook')).toEqual([expect.objectContaining({ outcome: 'sent', statusCode: 204 })]);
    expect(outbox.names()).toEqual(['notification.sent']);
    expect(timers.pending()).toEqual([]);
  });

  it('records a send that failed after its subscription was disabled or paused, without retrying it or starting a failing streak', async () => {
    // given two webhook deliveries claimed, their sends in flight
    const { deliveries, subscriptions, handler, timers, outbox } = setUp();
    await aSubscription(subscriptions);
    await aWebhookDue(deliveries, 'whs_1');
    const claimed = claimedOrFail(await handler.claim({ deliveryId: 'dlv_hook' }));
    // when its subscription is disabled meanwhile, and the receiver then refuses the send
    await deliveries.cancelOpen('whs_1', 'subscription_disabled');
    const recorded = await handler.recordOutcome(claimed, { ok: false, error: 'HTTP 503', statusCode: 503, permanent: false });
    // then the attempt is logged, and the delivery stays cancelled: no retry, no event, no streak
    expect(recorded).toMatchObject({ recorded: true, delivery: { status: 'cancelled', attempts: 1, nextAttemptAt: null, lastError: 'subscription_disabled' } });
    expect(deliveries.attemptsOf('dlv_hook')).toEqual([expect.objectContaining({ outcome: 'failed', statusCode: 503 })]);
    expect(timers.pending()).toEqual([]);
    expect(outbox.recorded).toEqual([]);
    expect((await subscriptions.findById('whs_1'))?.disablesAt).toBeNull();
  });

  it('signs with the new and the replaced secret during a rotation overlap, and with the new one only after 24 hours', async () => {
    // given a subscription whose secret was rotated now
    const { deliveries, subscriptions, webhook, advance, fire } = setUp();
    await aSubscription(subscriptions);
    const subscription = (await subscriptions.lockById('whs_1')) as WebhookSubscription;
    const rotated = subscription.rotateSecret(start);
    await subscriptions.save(subscription);
    await aWebhookDue(deliveries, 'whs_1');
    // when it is sent within the overlap, then two signatures go: the new secret's and the old one's
    await fire('dlv_hook');
    const signaturesOf = (request: { headers: Record<string, string>; body: string }) => request.headers['webhook-signature'].split(' ');
    const signedWith = (key: string, request: { headers: Record<string, string>; body: string }) =>
      `v1,${createHmac('sha256', Buffer.from(key.slice('whsec_'.length), 'base64')).update(`${request.headers['webhook-id']}.${request.headers['webhook-timestamp']}.${request.body}`).digest('base64')}`;
    expect(signaturesOf(webhook.sent[0])).toEqual([signedWith(rotated, webhook.sent[0]), signedWith(secret, webhook.sent[0])]);
    // when a delivery is sent 24 hours later, then only the new secret signs it
    advance(24 * 60 * 60 * 1000);
    await deliveries.planOnce(
      Delivery.plan({ id: 'dlv_later', eventId: 'evt_later', eventName: 'invoice.paid', channel: 'webhook', recipient: 'https://erp.example/hooks', payload: { subscriptionId: 'whs_1', body: '{}' }, now: at(24 * 60 * 60 * 1000) }),
    );
    await fire('dlv_later');
    expect(signaturesOf(webhook.sent[1])).toEqual([signedWith(rotated, webhook.sent[1])]);
  });

  it('publishes one notification.sent or notification.failed per delivery, at its final outcome, naming the recipient redacted', async () => {
    // given a webhook that fails once then is accepted, and an email refused for good
    const { deliveries, subscriptions, webhook, email, outbox, advance, fire } = setUp();
    await aSubscription(subscriptions);
    await aWebhookDue(deliveries, 'whs_1');
    await anEmailDue(deliveries);
    webhook.answerWith({ ok: false, error: 'HTTP 500', statusCode: 500, permanent: false });
    email.answerWith({ ok: false, error: '550 mailbox unavailable', statusCode: 550, permanent: true });
    // when each is attempted until it ends
    await fire('dlv_hook');
    await fire('dlv_email');
    advance(100);
    await fire('dlv_hook');
    // then one event each: not one per attempt
    expect(outbox.names()).toEqual(['notification.failed', 'notification.sent']);
    expect(outbox.only('notification.failed')).toEqual({
      delivery_id: 'dlv_email',
      channel: 'email',
      event_id: 'evt_dlv_email',
      event_type: 'invoice.issued',
      recipient: 'a***@acme.example',
      attempt: 1,
      status: 'failed',
      error: '550 mailbox unavailable',
      status_code: 550,
      failed_at: start.toISOString(),
    });
    expect(outbox.only('notification.sent')).toEqual({
      delivery_id: 'dlv_hook',
      channel: 'webhook',
      event_id: 'evt_paid',
      event_type: 'invoice.paid',
      subscription_id: 'whs_1',
      recipient: 'https://erp.example',
      attempt: 2,
      status_code: 200,
      sent_at: at(100).toISOString(),
    });
  });

  it('treats a channel that throws as a failure worth retrying, keeping a neutral reason rather than the error text', async () => {
    // given an email channel whose connection fails
    const { deliveries, email, timers, fire } = setUp();
    await anEmailDue(deliveries);
    email.answerWith(new Error('connect ECONNREFUSED 127.0.0.1:2525'));
    // when its timer fires, then the delivery waits for its next attempt, its timer set
    await fire('dlv_email');
    expect(deliveries.only()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'delivery_failed', nextAttemptAt: at(100) });
    expect(timers.pending()).toEqual([expect.objectContaining({ key: 'dlv_email', dueAt: at(100) })]);
  });

  it('does nothing for a delivery it cannot find', async () => {
    // given no delivery at all
    const { email, webhook, timers, fire } = setUp();
    // when a timer fires for an unknown id, then nothing is sent or set
    await fire('dlv_unknown');
    expect([...email.sent, ...webhook.sent]).toEqual([]);
    expect(timers.scheduled).toEqual([]);
  });
});
