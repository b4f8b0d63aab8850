import { Webhook } from 'standardwebhooks';
import { aValidEvent, type EventName } from '@mb/events';
import { newEventId, newId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { injectAs, testAuthEnvironment, testServiceEnvironment } from '@mb/testing';
import { notificationServiceDefinition } from '../../src/notification-service.definition';
import { aMailbox, aWebhookReceiver, eventually, EventPublisher, TEST_SECRET_KEYS, testKafka, TopicReader } from './notification-test-kit';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Webhooks grown up (issue 11): secret rotation with a 24-hour overlap, replays, pause, resume,
 * delete, and the subscription disabled after three days of failures. Time moves with the test
 * clock (PUT /v1/test-clock), which moves the pending timers with it; it only moves forward, so
 * the tests run in order and each works from the clock's now. Every subscription is scoped to a
 * client of its own, so that the events of one test never reach another's.
 */
describe('notification-service webhooks', () => {
  let service: BootstrappedService<unknown>;
  let publisher: EventPublisher;
  let reader: TopicReader;
  let mailbox: Awaited<ReturnType<typeof aMailbox>>;
  let receiver: Awaited<ReturnType<typeof aWebhookReceiver>>;

  beforeAll(async () => {
    mailbox = await aMailbox();
    receiver = await aWebhookReceiver();
    service = await bootstrapService(notificationServiceDefinition, {
      ...testServiceEnvironment('notification-service'),
      ...(await testAuthEnvironment()),
      CLOCK_CONTROL: 'enabled',
      LOG_LEVEL: 'warn',
      SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
      MAIL_FROM: 'billing@milestone-billing.test',
      // A failed attempt is retried an hour later (the backoff's cap), in business time: the test
      // clock decides when a delivery is abandoned, not how fast this machine is.
      WEBHOOK_RETRY_BASE_MS: String(HOUR_MS),
      WEBHOOK_HTTP_URLS: 'local-development',
      WEBHOOK_EGRESS_ALLOWED_CIDRS: '127.0.0.1/32',
      WEBHOOK_SECRET_KEYS: TEST_SECRET_KEYS,
    });
    publisher = await EventPublisher.connect(testKafka());
    reader = await TopicReader.start(testKafka(), ['notification.sent', 'notification.failed', 'notification.webhook_disabled']);
  });

  afterAll(async () => {
    await reader?.close();
    await publisher?.close();
    await service?.close();
    await receiver?.close();
    await mailbox?.close();
  });

  interface Subscription {
    id: string;
    secret: string;
    status: string;
    status_reason: string | null;
    failing_since: string | null;
    previous_secret_expires_at: string | null;
  }

  interface ListedDelivery {
    id: string;
    status: string;
    attempts: number;
    subscription_id: string | null;
    replay_of: string | null;
    replay_reason: string | null;
    last_error: string | null;
  }

  /** Moves the service's clock (and its pending timers) to `instant`. */
  async function travelTo(instant: Date): Promise<void> {
    const response = await injectAs(service.app, 'admin', { method: 'PUT', url: '/v1/test-clock', payload: { now: instant.toISOString() } });
    expect(response.statusCode).toBe(200);
  }

  async function subscribe(path: string, clientId: string, events: EventName[], extra: object = {}): Promise<Subscription> {
    const created = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/webhook-subscriptions', payload: { url: receiver.url(path), events, client_id: clientId, ...extra } });
    expect(created.statusCode).toBe(201);
    return created.json();
  }

  async function listed(subscriptionId: string): Promise<Subscription | undefined> {
    const response = await injectAs(service.app, 'admin', { method: 'GET', url: '/v1/webhook-subscriptions' });
    return (response.json().data as Subscription[]).find((subscription) => subscription.id === subscriptionId);
  }

  /**
   * The deliveries of an event; those to one subscription when given (subscriptions other test
   * files left in the database, to every client's events, get the same events).
   */
  async function deliveriesOf(eventId: string, subscriptionId?: string): Promise<ListedDelivery[]> {
    const response = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/deliveries?event_id=${eventId}` });
    expect(response.statusCode).toBe(200);
    return (response.json().data as ListedDelivery[]).filter((delivery) => subscriptionId === undefined || delivery.subscription_id === subscriptionId);
  }

  function aPaymentOf(clientId: string, createdAt?: string) {
    const contractId = newId('con');
    return aValidEvent('invoice.paid', { id: newEventId(), ...(createdAt ? { created_at: createdAt } : {}), data: { contract_id: contractId, client_id: clientId, invoice_id: newId('inv') } });
  }

  async function publishPaid(clientId: string, createdAt?: string) {
    const paid = aPaymentOf(clientId, createdAt);
    await publisher.publish(paid, paid.data.contract_id);
    return paid;
  }

  const command = (method: 'POST' | 'DELETE', url: string, payload?: object) => injectAs(service.app, 'admin', { method, url, ...(payload ? { payload } : {}) });

  it('signs with the old and the new secret for 24 hours after a rotation, so a receiver with either accepts; then the old one is refused', async () => {
    // given a subscription, its secret rotated
    const clientId = newId('cli');
    const path = `/hooks/${newId('t')}`;
    const subscription = await subscribe(path, clientId, ['invoice.paid']);
    const rotated = await command('POST', `/v1/webhook-subscriptions/${subscription.id}/rotate-secret`);
    expect(rotated.statusCode).toBe(200);
    const { secret: newSecret, previous_secret_expires_at: overlapEnds } = rotated.json() as Subscription;
    expect(newSecret).not.toBe(subscription.secret);
    expect(overlapEnds).not.toBeNull();

    // when an event is delivered within the overlap
    const first = await publishPaid(clientId);
    await eventually(() => deliveriesOf(first.id, subscription.id), (found) => found[0]?.status === 'sent', 'the delivery within the overlap sent');
    // then receivers holding the old or the new secret both accept it (the reference library)
    const [during] = receiver.received(path);
    expect(during.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(subscription.secret).verify(during.body, during.headers)).toEqual(first);
    expect(new Webhook(newSecret).verify(during.body, during.headers)).toEqual(first);

    // when the clock passes the overlap's end and another event is delivered
    await travelTo(new Date(Date.parse(overlapEnds as string) + 60_000));
    const second = await publishPaid(clientId);
    await eventually(() => deliveriesOf(second.id, subscription.id), (found) => found[0]?.status === 'sent', 'the delivery after the overlap sent');
    // then only the new secret verifies it: a receiver still on the old one refuses it
    const after = receiver.received(path)[1];
    expect(after.headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(new Webhook(newSecret).verify(after.body, after.headers)).toEqual(second);
    expect(() => new Webhook(subscription.secret).verify(after.body, after.headers)).toThrow();
    expect((await listed(subscription.id))?.previous_secret_expires_at).toBeNull();
  });

  it('replays one delivery, and a range of events, as new deliveries signed afresh under the same webhook-id', async () => {
    // given a subscription sent three events, created on three days
    const clientId = newId('cli');
    const path = `/hooks/${newId('t')}`;
    const subscription = await subscribe(path, clientId, ['invoice.paid', 'invoice.overdue']);
    const paid1 = await publishPaid(clientId, '2031-01-01T00:00:00Z');
    const overdue = aValidEvent('invoice.overdue', { id: newEventId(), created_at: '2031-01-02T00:00:00Z', data: { contract_id: newId('con'), client_id: clientId } });
    await publisher.publish(overdue, overdue.data.contract_id);
    const paid3 = await publishPaid(clientId, '2031-01-03T00:00:00Z');
    const [original] = await eventually(() => deliveriesOf(paid1.id, subscription.id), (found) => found[0]?.status === 'sent', 'the first event delivered');
    for (const event of [overdue, paid3]) await eventually(() => deliveriesOf(event.id, subscription.id), (found) => found[0]?.status === 'sent', `${event.event} delivered`);

    // when its first delivery is replayed
    const one = await command('POST', `/v1/webhook-subscriptions/${subscription.id}/replays`, { delivery_id: original.id, reason: 'receiver restored from backup' });
    // then a new delivery repeats it, and the receiver gets the same body under the same webhook-id, freshly signed
    expect(one.statusCode).toBe(201);
    const [replay] = one.json().data as ListedDelivery[];
    expect(replay).toMatchObject({ replay_of: original.id, replay_reason: 'receiver restored from backup', subscription_id: subscription.id });
    expect(replay.id).not.toBe(original.id);
    await eventually(() => deliveriesOf(paid1.id, subscription.id), (found) => found.find((delivery) => delivery.id === replay.id)?.status === 'sent', 'the replay sent');
    const copies = receiver.received(path).filter((request) => request.headers['webhook-id'] === paid1.id);
    expect(copies).toHaveLength(2);
    expect(copies[1].body).toBe(copies[0].body);
    expect(new Webhook(subscription.secret).verify(copies[1].body, copies[1].headers)).toEqual(paid1);
    // and notification.sent tells of the replay, naming the delivery it repeats
    await eventually(() => Promise.resolve(reader.about('notification.sent', 'delivery_id', replay.id)), (read) => read.length === 1, 'notification.sent for the replay');
    expect(reader.about('notification.sent', 'delivery_id', replay.id)[0].envelope.data).toMatchObject({ replay_of: original.id, channel: 'webhook', event_id: paid1.id, recipient: `http://127.0.0.1:${receiver.port}` });

    // when a range is replayed: the first two days, every type; then the three days, invoice.paid only
    const range = await command('POST', `/v1/webhook-subscriptions/${subscription.id}/replays`, { from: '2031-01-01T00:00:00Z', to: '2031-01-03T00:00:00Z' });
    const paidOnly = await command('POST', `/v1/webhook-subscriptions/${subscription.id}/replays`, { from: '2031-01-01T00:00:00Z', to: '2031-01-04T00:00:00Z', event_types: ['invoice.paid'] });
    // then each event of the range is replayed once, oldest first, from its first delivery
    expect(range.statusCode).toBe(201);
    expect((range.json().data as { event_id: string }[]).map((delivery) => delivery.event_id)).toEqual([paid1.id, overdue.id]);
    expect((paidOnly.json().data as { event_id: string }[]).map((delivery) => delivery.event_id)).toEqual([paid1.id, paid3.id]);
    for (const event of [overdue, paid3]) {
      await eventually(
        () => deliveriesOf(event.id, subscription.id),
        (found) => found.length === 2 && found.every((delivery) => delivery.status === 'sent'),
        `the range replay of ${event.event} sent`,
      );
    }
    expect(receiver.received(path).filter((request) => request.headers['webhook-id'] === overdue.id)).toHaveLength(2);

    // and a request naming both a delivery and a range, or neither, is refused naming the rule
    const both = await command('POST', `/v1/webhook-subscriptions/${subscription.id}/replays`, { delivery_id: original.id, from: '2031-01-01T00:00:00Z', to: '2031-01-02T00:00:00Z' });
    const neither = await command('POST', `/v1/webhook-subscriptions/${subscription.id}/replays`, {});
    expect([both.statusCode, both.json().code, neither.statusCode]).toEqual([422, 'webhook_replay.delivery_or_range', 422]);
    // and another subscription's delivery is not found
    const other = await subscribe(`/hooks/${newId('t')}`, newId('cli'), ['invoice.paid']);
    const foreign = await command('POST', `/v1/webhook-subscriptions/${other.id}/replays`, { delivery_id: original.id });
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'webhook_replay.delivery_not_found']);
  });

  it('holds the deliveries of a paused subscription and sends them on resume; a deleted one gets none, its held ones cancelled', async () => {
    // given a paused subscription
    const clientId = newId('cli');
    const path = `/hooks/${newId('t')}`;
    const subscription = await subscribe(path, clientId, ['invoice.paid']);
    const paused = await command('POST', `/v1/webhook-subscriptions/${subscription.id}/pause`);
    expect([paused.statusCode, paused.json().status]).toEqual([200, 'paused']);

    // when an event arrives, then its delivery is held, and nothing is posted
    const paid = await publishPaid(clientId);
    await eventually(() => deliveriesOf(paid.id, subscription.id), (found) => found[0]?.status === 'held', 'the delivery held');
    expect(receiver.received(path)).toEqual([]);

    // when the subscription resumes, then the held delivery goes out
    const resumed = await command('POST', `/v1/webhook-subscriptions/${subscription.id}/resume`);
    expect([resumed.statusCode, resumed.json().status]).toEqual([200, 'active']);
    await eventually(() => deliveriesOf(paid.id, subscription.id), (found) => found[0]?.status === 'sent', 'the held delivery sent on resume');
    expect(receiver.received(path).map((request) => request.headers['webhook-id'])).toEqual([paid.id]);

    // given it paused again with a delivery held, and a second subscription to the same client's events
    await command('POST', `/v1/webhook-subscriptions/${subscription.id}/pause`);
    const held = await publishPaid(clientId);
    await eventually(() => deliveriesOf(held.id, subscription.id), (found) => found[0]?.status === 'held', 'the second delivery held');
    const control = await subscribe(`/hooks/${newId('t')}`, clientId, ['invoice.paid']);
    // when it is deleted
    const deleted = await command('DELETE', `/v1/webhook-subscriptions/${subscription.id}`);
    // then it answers deleted, is no longer listed, its held delivery is cancelled
    expect([deleted.statusCode, deleted.json().status]).toEqual([200, 'deleted']);
    expect(await listed(subscription.id)).toBeUndefined();
    expect(await deliveriesOf(held.id, subscription.id)).toEqual([expect.objectContaining({ status: 'cancelled', last_error: 'subscription_deleted' })]);
    // and a later event is delivered to the other subscription only
    const later = await publishPaid(clientId);
    const found = await eventually(() => deliveriesOf(later.id), (deliveries) => deliveries.length > 0, 'the later event planned');
    expect(found.map((delivery) => delivery.subscription_id).filter((id) => id === subscription.id || id === control.id)).toEqual([control.id]);
    // and a deleted subscription is not found any more
    const again = await command('POST', `/v1/webhook-subscriptions/${subscription.id}/resume`);
    expect([again.statusCode, again.json().code]).toEqual([404, 'webhook_subscription.not_found']);
  });

  it("lets a client pause, resume, replay and delete its own subscriptions only: another client's is not found", async () => {
    // given a subscription of client A's and one of client B's
    const [clientA, clientB] = [newId('cli'), newId('cli')];
    const ofA = await subscribe(`/hooks/${newId('t')}`, clientA, ['invoice.paid']);
    const ofB = await subscribe(`/hooks/${newId('t')}`, clientB, ['invoice.paid']);
    const asA = (method: 'POST' | 'DELETE', url: string, payload?: object) => injectAs(service.app, { role: 'client', clientId: clientA }, { method, url, ...(payload ? { payload } : {}) });
    // when client A acts on B's, then it is not found, and B's is untouched
    for (const [method, url, payload] of [
      ['POST', `/v1/webhook-subscriptions/${ofB.id}/pause`],
      ['POST', `/v1/webhook-subscriptions/${ofB.id}/resume`],
      ['POST', `/v1/webhook-subscriptions/${ofB.id}/replays`, { from: '2031-01-01T00:00:00Z', to: '2031-01-02T00:00:00Z' }],
      ['DELETE', `/v1/webhook-subscriptions/${ofB.id}`],
    ] as const) {
      const refused = await asA(method, url, payload);
      expect([url, refused.statusCode, refused.json().code]).toEqual([url, 404, 'webhook_subscription.not_found']);
    }
    expect((await listed(ofB.id))?.status).toBe('active');
    // when it acts on its own, then it may
    expect((await asA('POST', `/v1/webhook-subscriptions/${ofA.id}/pause`)).json().status).toBe('paused');
    expect((await asA('POST', `/v1/webhook-subscriptions/${ofA.id}/resume`)).json().status).toBe('active');
    expect((await asA('DELETE', `/v1/webhook-subscriptions/${ofA.id}`)).json().status).toBe('deleted');
  });

  it('abandons a delivery failing for three days, then disables its subscription, cancels what is pending and tells its owner', async () => {
    // given a subscription whose receiver always fails, owned by an address to tell
    const clientId = newId('cli');
    const path = `/hooks/${newId('t')}`;
    const ownerEmail = `ops-${clientId.toLowerCase()}@erp.example`;
    receiver.answer(path, Array.from({ length: 50 }, () => 503));
    const subscription = await subscribe(path, clientId, ['invoice.paid'], { owner_email: ownerEmail });

    // when an event's delivery fails: the streak starts
    const first = await publishPaid(clientId);
    const [delivery] = await eventually(() => deliveriesOf(first.id, subscription.id), (found) => found[0]?.attempts === 1, 'the first attempt failed');
    const failingSince = Date.parse((await eventually(() => listed(subscription.id), (found) => found?.failing_since !== null, 'the failing streak recorded'))?.failing_since as string);

    // when the clock reaches half an hour before three days of it: the hourly retry fails once more
    await travelTo(new Date(failingSince + 3 * DAY_MS - 30 * 60_000));
    // then the delivery is abandoned (its next try would fall past its window), told by notification.failed
    await eventually(() => deliveriesOf(first.id, subscription.id), (found) => found[0]?.status === 'abandoned', 'the delivery abandoned');
    await eventually(() => Promise.resolve(reader.about('notification.failed', 'delivery_id', delivery.id)), (read) => read.length === 1, 'notification.failed on Kafka');
    expect(reader.about('notification.failed', 'delivery_id', delivery.id)[0].envelope.data).toMatchObject({
      channel: 'webhook',
      status: 'abandoned',
      error: 'http_503',
      status_code: 503,
      subscription_id: subscription.id,
      event_id: first.id,
      recipient: `http://127.0.0.1:${receiver.port}`,
    });
    expect((await listed(subscription.id))?.status).toBe('active');

    // given another event, whose delivery fails and waits for its retry
    const second = await publishPaid(clientId);
    await eventually(() => deliveriesOf(second.id, subscription.id), (found) => found[0]?.attempts === 1 && found[0].status === 'pending', 'the second delivery waiting to retry');

    // when the clock passes three days since the first failure, none accepted
    await travelTo(new Date(failingSince + 3 * DAY_MS + 60_000));
    // then the subscription is disabled with its reason, and its waiting delivery cancelled
    const disabled = await eventually(() => listed(subscription.id), (found) => found?.status === 'disabled', 'the subscription disabled');
    expect(disabled?.status_reason).toContain(new Date(failingSince).toISOString());
    await eventually(() => deliveriesOf(second.id, subscription.id), (found) => found[0]?.status === 'cancelled', 'the waiting delivery cancelled');
    // and notification.webhook_disabled is published, and the owner emailed
    const [told] = await eventually(() => Promise.resolve(reader.about('notification.webhook_disabled', 'subscription_id', subscription.id)), (read) => read.length === 1, 'notification.webhook_disabled');
    expect(told.envelope.data).toMatchObject({ client_id: clientId, url_origin: `http://127.0.0.1:${receiver.port}`, failing_since: new Date(failingSince).toISOString() });
    const [email] = await eventually(() => Promise.resolve(mailbox.to(ownerEmail)), (mails) => mails.length === 1, 'the owner emailed');
    expect(email.subject).toBe(`Webhook subscription ${subscription.id} disabled after three days of failed deliveries`);
    expect(email.text).toContain(receiver.url(path));
    // and the email's own delivery is told sent, on the event it carries
    const emailDeliveries = await eventually(() => deliveriesOf(told.envelope.id), (found) => found[0]?.status === 'sent', 'the owner email delivery sent');
    expect(emailDeliveries).toEqual([expect.objectContaining({ status: 'sent' })]);

    // when a replay is asked of the disabled subscription, then it is refused until it resumes
    const refused = await command('POST', `/v1/webhook-subscriptions/${subscription.id}/replays`, { delivery_id: delivery.id });
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'webhook_subscription.disabled']);
    // when it resumes (its receiver fixed), then it is active with no streak, and a replay goes out
    receiver.answer(path, []);
    const resumed = await command('POST', `/v1/webhook-subscriptions/${subscription.id}/resume`);
    expect(resumed.json()).toMatchObject({ status: 'active', failing_since: null, status_reason: null });
    const replayed = await command('POST', `/v1/webhook-subscriptions/${subscription.id}/replays`, { delivery_id: delivery.id, reason: 'receiver fixed' });
    const [replay] = replayed.json().data as ListedDelivery[];
    await eventually(() => deliveriesOf(first.id, subscription.id), (found) => found.find((candidate) => candidate.id === replay.id)?.status === 'sent', 'the replay after resuming sent');
  });
});
