import { status } from '@grpc/grpc-js';
import { aValidEvent } from '@mb/events';
import { GRPC_APIS, instantOf } from '@mb/grpc';
import { newEventId, newId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { GrpcTestClient, injectAs, testAuthEnvironment, testServiceEnvironment } from '@mb/testing';
import { notificationServiceDefinition } from '../../src/notification-service.definition';
import { aMailbox, aWebhookReceiver, eventually, EventPublisher, TEST_SECRET_KEYS, testKafka } from './notification-test-kit';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('notification-service over gRPC', () => {
  let service: BootstrappedService<unknown>;
  let grpc: GrpcTestClient;
  let publisher: EventPublisher;
  let mailbox: Awaited<ReturnType<typeof aMailbox>>;
  let receiver: Awaited<ReturnType<typeof aWebhookReceiver>>;

  beforeAll(async () => {
    mailbox = await aMailbox();
    receiver = await aWebhookReceiver();
    service = await bootstrapService(notificationServiceDefinition, {
      ...testServiceEnvironment('notification-service'),
      ...(await testAuthEnvironment()),
      LOG_LEVEL: 'warn',
      SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
      WEBHOOK_RETRY_BASE_MS: '100',
      // The receiver is a local http server: allowed here only, by the local-development settings.
      WEBHOOK_HTTP_URLS: 'local-development',
      WEBHOOK_EGRESS_ALLOWED_CIDRS: '127.0.0.1/32',
      WEBHOOK_SECRET_KEYS: TEST_SECRET_KEYS,
    });
    grpc = GrpcTestClient.connect(GRPC_APIS.notification, service.grpcAddress);
    publisher = await EventPublisher.connect(testKafka());
  });

  afterAll(async () => {
    grpc?.close();
    await publisher?.close();
    await service?.close();
    await receiver?.close();
    await mailbox?.close();
  });

  it("lists an event's webhook delivery with its attempts log, and the subscription without its secret", async () => {
    // given a subscription (created over REST, which shows the secret once), to an event no other
    // test subscribes to: subscriptions are shared by every service instance on the test database
    const path = `/hooks/${newId('x')}`;
    const created = (await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/webhook-subscriptions', payload: { url: receiver.url(path), events: ['credit_note.issued'] } })).json();

    // when a credit note is issued
    const contractId = newId('con');
    const issued = aValidEvent('credit_note.issued', { id: newEventId(), data: { contract_id: contractId, client_id: newId('cli'), invoice_id: newId('inv') } });
    await publisher.publish(issued, contractId);

    // then its delivery to the receiver reads sent, with its attempts logged
    const mine = (deliveries: Json[]) => deliveries.find((delivery) => delivery.recipient === receiver.url(path));
    const deliveries = await eventually(
      async () => (await grpc.call('ListDeliveries', { event_id: issued.id })).deliveries as Json[],
      (found) => mine(found)?.status === 'DELIVERY_STATUS_SENT',
      'the webhook delivery to be sent',
    );
    const delivery = mine(deliveries) as Json;
    expect(delivery).toMatchObject({ id: expect.stringMatching(/^dlv_/), channel: 'DELIVERY_CHANNEL_WEBHOOK', event_id: issued.id, event: 'credit_note.issued', attempts: 1 });
    expect(delivery.attempt_log).toEqual([{ attempt: 1, at: expect.objectContaining({ seconds: expect.any(Number) }), outcome: 'ATTEMPT_OUTCOME_SENT', status_code: 200 }]);
    expect('last_error' in delivery).toBe(false);
    expect(instantOf(delivery.sent_at)).toBeInstanceOf(Date);

    // and the subscription is listed without its secret
    const { webhook_subscriptions } = await grpc.call('ListWebhookSubscriptions');
    const listed = webhook_subscriptions.find((subscription: Json) => subscription.id === created.id);
    expect(listed).toEqual({ id: created.id, url: receiver.url(path), events: ['credit_note.issued'], created_at: expect.objectContaining({ seconds: expect.any(Number) }) });
    expect(JSON.stringify(webhook_subscriptions)).not.toContain('whsec_');
  });

  it('lists nothing for an event that produced nothing, and refuses a malformed event id naming the field', async () => {
    expect((await grpc.call('ListDeliveries', { event_id: newEventId() })).deliveries).toEqual([]);
    const refusal = await grpc.refusal('ListDeliveries', { event_id: 'inv_123' });
    expect([refusal.code, refusal.errorCode]).toEqual([status.INVALID_ARGUMENT, 'request.invalid']);
    expect(refusal.fieldErrors).toEqual([expect.objectContaining({ field: 'event_id', rule: 'matches' })]);
  });
});
