import { createHmac, timingSafeEqual } from 'node:crypto';
import { aValidEvent } from '@mb/events';
import { newEventId, newId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { injectAs, testAuthEnvironment, testServiceEnvironment } from '@mb/testing';
import { notificationServiceDefinition } from '../../src/notification-service.definition';
import { NotificationModule } from '../../src/notification.module';
import {
  aWebhookReceiver,
  eventually,
  EventPublisher,
  LOCAL_DEVELOPMENT_KEY,
  ROTATED_KEY,
  TableHostResolver,
  TEST_SECRET_KEYS,
  testKafka,
  type ReceivedWebhook,
} from './notification-test-kit';

/**
 * A receiver's check per the Standard Webhooks specification ("Verifying webhooks"): HMAC-SHA256
 * keyed with the base64 after `whsec_`, over `id.timestamp.body`, any `v1,` entry matching.
 */
function standardWebhooksVerifies(secret: string, request: ReceivedWebhook): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${request.headers['webhook-id']}.${request.headers['webhook-timestamp']}.${request.body}`).digest();
  return request.headers['webhook-signature'].split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

describe('notification-service webhook egress and secrets', () => {
  const resolver = new TableHostResolver();
  /** The service with webhook hosts resolved from the table above instead of DNS. */
  const definition = { ...notificationServiceDefinition, rootModule: () => NotificationModule.forRoot({ hostResolver: resolver.resolve }) };
  const environment = (keys: string) => ({
    ...testServiceEnvironment('notification-service'),
    ...auth,
    CLOCK_CONTROL: 'enabled',
    LOG_LEVEL: 'warn',
    WEBHOOK_RETRY_BASE_MS: '100',
    WEBHOOK_HTTP_URLS: 'local-development',
    WEBHOOK_EGRESS_ALLOWED_CIDRS: '127.0.0.1/32',
    WEBHOOK_SECRET_KEYS: keys,
  });
  let service: BootstrappedService<unknown>;
  let publisher: EventPublisher;
  let receiver: Awaited<ReturnType<typeof aWebhookReceiver>>;
  let auth: Awaited<ReturnType<typeof testAuthEnvironment>>;

  beforeAll(async () => {
    auth = await testAuthEnvironment();
    receiver = await aWebhookReceiver();
    service = await bootstrapService(definition, environment(TEST_SECRET_KEYS));
    publisher = await EventPublisher.connect(testKafka());
  });

  afterAll(async () => {
    await publisher?.close();
    await service?.close();
    await receiver?.close();
  });

  const subscribe = (url: string, events = ['collections.payment_plan_agreed'], on = service) =>
    injectAs(on.app, 'admin', { method: 'POST', url: '/v1/webhook-subscriptions', payload: { url, events } });

  async function deliveriesOf(eventId: string) {
    const response = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/deliveries?event_id=${eventId}` });
    return response.json().data as { recipient: string; status: string; attempt_log: { outcome: string; error: string | null }[] }[];
  }

  async function publishPlanAgreed(): Promise<string> {
    const clientId = newId('cli');
    const event = aValidEvent('collections.payment_plan_agreed', { id: newEventId(), data: { client_id: clientId } });
    await publisher.publish(event, clientId);
    return event.id;
  }

  describe('at registration', () => {
    beforeAll(() => {
      resolver.resolveTo('localhost', '127.0.0.1', '::1');
      resolver.resolveTo('erp.internal.test', '10.1.2.3');
      resolver.resolveTo('split.test', '203.0.113.10', '192.168.0.7');
      resolver.resolveTo('metadata.test', '169.254.169.254');
      resolver.resolveTo('v6.internal.test', 'fe80::2');
    });

    it.each([
      ['http://127.0.0.2/hooks', 'loopback'],
      ['http://[::1]:8080/hooks', 'loopback'],
      ['http://localhost:5432/', 'loopback'],
      ['http://127.2/hooks', 'loopback'],
      ['http://[::ffff:127.0.0.2]/hooks', 'loopback'],
      ['http://169.254.169.254/latest/meta-data/', 'metadata'],
      ['http://[fd00:ec2::254]/latest/meta-data/', 'metadata'],
      ['http://0xA9FEA9FE/latest/meta-data/', 'metadata'],
      ['http://10.0.0.5:5432/', 'private'],
      ['http://167772165/', 'private'],
      ['http://012.0.0.5/', 'private'],
      ['http://172.16.0.1/', 'private'],
      ['http://192.168.1.1/', 'private'],
      ['http://[fd12:3456::1]/', 'private'],
      ['http://[::ffff:10.0.0.5]/', 'private'],
      ['http://169.254.10.1/', 'link_local'],
      ['http://[fe80::1]/', 'link_local'],
      ['http://100.64.0.1/', 'cgnat'],
      ['http://0.0.0.0:3004/', 'unspecified'],
      ['http://[::]/', 'unspecified'],
      ['http://224.0.0.1/', 'multicast'],
      ['http://[ff02::1]/', 'multicast'],
      ['http://erp.internal.test/hooks', 'private'],
      ['http://split.test/hooks', 'private'],
      ['http://metadata.test/hooks', 'metadata'],
      ['http://v6.internal.test/hooks', 'link_local'],
    ])('refuses %s (%s) with a 422 naming url and the rule, and keeps nothing', async (url, rule) => {
      // when a subscription names the URL
      const response = await subscribe(url);
      // then it is refused as a problem naming the field and the address range, and not listed
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({
        code: 'webhook_subscription.destination_refused',
        errors: [{ field: 'url', rule: 'webhook_subscription.destination_refused', message: expect.stringContaining(`a ${rule} address`) }],
      });
      const listed = (await injectAs(service.app, 'admin', { method: 'GET', url: '/v1/webhook-subscriptions' })).json().data as { url: string }[];
      expect(listed.filter((subscription) => subscription.url === url)).toEqual([]);
    });

    it('refuses a host that resolves to nothing', async () => {
      const response = await subscribe('http://nowhere.test/hooks');
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ errors: [{ field: 'url', rule: 'webhook_subscription.unresolvable_host' }] });
    });

    it('accepts a public host, and the loopback address the tests allow-list', async () => {
      resolver.resolveTo('erp.public.test', '203.0.113.10', '2001:db8::10');
      expect((await subscribe('https://erp.public.test/hooks', ['contract.amended'])).statusCode).toBe(201);
      expect((await subscribe(receiver.url(`/hooks/${newId('a')}`), ['contract.amended'])).statusCode).toBe(201);
    });
  });

  it('refuses at connect time a name that rebinds to a refused address after registration, and fails the delivery in neutral words', async () => {
    // given a receiver listening on 127.0.0.2, reachable from here but outside the allow-list
    const hidden = await aWebhookReceiver('127.0.0.2');
    try {
      const path = `/hooks/${newId('r')}`;
      expect((await fetch(hidden.url('/reachable'), { method: 'POST', body: '{}' })).status).toBe(200);
      // and a subscription to a name that resolved to a public address when it was made
      resolver.resolveTo('erp.rebinding.test', '203.0.113.20');
      const url = `http://erp.rebinding.test:${hidden.port}${path}`;
      expect((await subscribe(url)).statusCode).toBe(201);
      // when the name resolves to the hidden receiver's address by the time an event is delivered
      resolver.resolveTo('erp.rebinding.test', '127.0.0.2');
      const eventId = await publishPlanAgreed();
      // then the delivery fails for good, before connecting, saying only that the destination was refused
      const [delivery] = await eventually(
        async () => (await deliveriesOf(eventId)).filter((found) => found.recipient === url),
        (found) => found[0]?.status === 'failed',
        'the rebound delivery to fail',
      );
      expect(delivery.attempt_log).toEqual([expect.objectContaining({ outcome: 'failed', error: 'destination_refused' })]);
      expect(hidden.received(path)).toEqual([]);
    } finally {
      await hidden.close();
    }
  });

  it('signs deliveries verifiably after the encryption key rotates, and after the signing secret rotates', async () => {
    // given a subscription and its secret, encrypted with the local-development key
    resolver.resolveTo('receiver.test', '127.0.0.1');
    const path = `/hooks/${newId('k')}`;
    const created = await subscribe(`http://receiver.test:${receiver.port}${path}`);
    expect(created.statusCode).toBe(201);
    const { id, secret } = created.json() as { id: string; secret: string };
    const keyOf = async () => (await service.runtime.dataSource.query(`SELECT secret_key_id FROM notification.webhook_subscriptions WHERE id = $1`, [id]))[0].secret_key_id;
    expect(await keyOf()).toBe('local-development');

    // when an instance whose current key is a new one re-encrypts the secrets
    const rotated = await bootstrapService(definition, environment(`${ROTATED_KEY},${LOCAL_DEVELOPMENT_KEY}`));
    try {
      const reencrypted = await injectAs(rotated.app, 'admin', { method: 'POST', url: '/v1/webhook-subscriptions/re-encrypt-secrets' });
      expect(reencrypted.statusCode).toBe(200);
      expect(reencrypted.json()).toEqual({ reencrypted: expect.any(Number), key_id: 'rotated-in-tests' });
      expect(reencrypted.json().reencrypted).toBeGreaterThanOrEqual(1);
      // then the secret is under the new key, and a second run finds nothing left to do
      expect(await keyOf()).toBe('rotated-in-tests');
      expect((await injectAs(rotated.app, 'admin', { method: 'POST', url: '/v1/webhook-subscriptions/re-encrypt-secrets' })).json()).toEqual({ reencrypted: 0, key_id: 'rotated-in-tests' });

      // and a delivery is still signed with the same secret, which a Standard Webhooks receiver verifies
      await publishPlanAgreed();
      const [first] = await eventually(async () => receiver.received(path), (found) => found.length === 1, 'the delivery after key rotation');
      expect(standardWebhooksVerifies(secret, first)).toBe(true);

      // when the subscription's signing secret is rotated
      const rotation = await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/webhook-subscriptions/${id}/rotate-secret` });
      expect(rotation.statusCode).toBe(200);
      const { secret: newSecret } = rotation.json() as { secret: string };
      expect(newSecret).toMatch(/^whsec_/);
      expect(newSecret).not.toBe(secret);

      // then the next delivery verifies with the new secret, and for the rotation's 24-hour overlap
      // with the old one too (both sealed under the current key; webhook-lifecycle.spec.ts moves
      // the clock past the overlap, after which the old one is refused)
      await publishPlanAgreed();
      const [, second] = await eventually(async () => receiver.received(path), (found) => found.length === 2, 'the delivery after secret rotation');
      expect(standardWebhooksVerifies(newSecret, second)).toBe(true);
      expect(standardWebhooksVerifies(secret, second)).toBe(true);
      expect(standardWebhooksVerifies(`whsec_${Buffer.alloc(24, 9).toString('base64')}`, second)).toBe(false);
    } finally {
      // the secrets go back under the local-development key, which every other test instance uses
      expect((await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/webhook-subscriptions/re-encrypt-secrets' })).json()).toMatchObject({ key_id: 'local-development' });
      await rotated.close();
    }
    expect(await keyOf()).toBe('local-development');
  });

  it('answers 404 for rotating the secret of a subscription that does not exist', async () => {
    const response = await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/webhook-subscriptions/${newId('whs')}/rotate-secret` });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'webhook_subscription.not_found' });
  });
});
