import { GRPC_APIS } from '@mb/grpc';
import { aValidEvent } from '@mb/events';
import { newEventId, newId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { GrpcTestClient, injectAs, testAuthEnvironment, testServiceEnvironment, type TestCaller } from '@mb/testing';
import { notificationServiceDefinition } from '../../src/notification-service.definition';
import { aMailbox, aWebhookReceiver, eventually, EventPublisher, TEST_SECRET_KEYS, testKafka } from './notification-test-kit';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Issue 12: a client lists its own deliveries. Each delivery records the client of the event it
// carries, and GET /v1/deliveries (and gRPC ListDeliveries) shows a client only its own client's.
describe("notification-service: a client's own deliveries", () => {
  let service: BootstrappedService<unknown>;
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
      WEBHOOK_HTTP_URLS: 'local-development',
      WEBHOOK_EGRESS_ALLOWED_CIDRS: '127.0.0.1/32',
      WEBHOOK_SECRET_KEYS: TEST_SECRET_KEYS,
    });
    publisher = await EventPublisher.connect(testKafka());
  });

  afterAll(async () => {
    await publisher?.close();
    await service?.close();
    await receiver?.close();
    await mailbox?.close();
  });

  const deliveriesAs = async (caller: TestCaller, eventId: string): Promise<Json[]> => {
    const response = await injectAs(service.app, caller, { method: 'GET', url: `/v1/deliveries?event_id=${eventId}` });
    expect(response.statusCode).toBe(200);
    return response.json().data;
  };

  it("records each delivery's client, and shows a client its own deliveries only, over REST and gRPC", async () => {
    // given client A's active contract, and a subscription to its issued invoices (bound to it, so other tests' events plan nothing here)
    const clientId = newId('cli');
    const contractId = newId('con');
    const apEmail = `ap-${clientId.toLowerCase()}@client.example`;
    await publisher.publish(
      aValidEvent('contract.activated', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, client_name: 'Acme Corp', client_ap_email: apEmail, title: 'Portal' } }),
      contractId,
    );
    const subscribed = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/webhook-subscriptions', payload: { url: receiver.url('/hooks/client-a'), events: ['invoice.issued'], client_id: clientId } });
    expect(subscribed.statusCode).toBe(201);
    // when an invoice of client A is issued
    const issued = aValidEvent('invoice.issued', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, invoice_id: newId('inv') } });
    await publisher.publish(issued, contractId);
    // then staff see its email and its webhook, each naming client A
    const all = await eventually(() => deliveriesAs('admin', issued.id), (found) => found.length === 2, 'the email and the webhook planned');
    expect(all.map((delivery) => [delivery.channel, delivery.client_id]).sort()).toEqual([
      ['email', clientId],
      ['webhook', clientId],
    ]);
    // client A sees both, client B none, as if the event had produced nothing
    expect(await deliveriesAs({ role: 'client', clientId }, issued.id)).toHaveLength(2);
    expect(await deliveriesAs({ role: 'client', clientId: 'cli_01CLIENTB00000000000000000' }, issued.id)).toEqual([]);
    // and so over gRPC
    const asClient = (id: string) => GrpcTestClient.connect(GRPC_APIS.notification, service.grpcAddress, { role: 'client', clientId: id });
    const own = asClient(clientId);
    const other = asClient('cli_01CLIENTB00000000000000000');
    try {
      const ownDeliveries = (await own.call('ListDeliveries', { event_id: issued.id })).deliveries as Json[];
      expect(ownDeliveries.map((delivery) => delivery.client_id)).toEqual([clientId, clientId]);
      expect((await other.call('ListDeliveries', { event_id: issued.id })).deliveries).toEqual([]);
    } finally {
      own.close();
      other.close();
    }
    // the column is the event's client
    const rows: { client_id: string }[] = await service.runtime.dataSource.query('SELECT client_id FROM notification.deliveries WHERE event_id = $1', [issued.id]);
    expect(rows.map((row) => row.client_id)).toEqual([clientId, clientId]);
  });
});
