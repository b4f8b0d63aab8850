import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { aValidEvent } from '@mb/events';
import { newEventId, newId, UnitOfWork } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { injectAs, testAdminDatabaseUrl, testAuthEnvironment, testInfrastructure, testServiceEnvironment, testToken } from '@mb/testing';
import { DeliveryRepository } from '../../src/application/ports/delivery.repository';
import { Delivery } from '../../src/domain/delivery/delivery';
import { SubscribedEventsCache } from '../../src/infrastructure/persistence/subscribed-events.cache';
import { notificationServiceDefinition } from '../../src/notification-service.definition';
import { aMailbox, anInvoicingApi, eventually, EventPublisher, TEST_SECRET_KEYS, testKafka } from './notification-test-kit';

// Long enough for the cut below (1.2 s) to end well inside a lease, short enough that, were the
// outcome given up, the other instance's timer at the lease's end would send the delivery again.
const LEASE_MS = 3_000;
const CUT_MS = 1_200;

/** The service's runtime role, whose sessions the cut ends (pg-boss's and TypeORM's pools alike). */
function serviceRole(): string {
  return decodeURIComponent(new URL(testServiceEnvironment('notification-service').DATABASE_URL).username);
}

/**
 * What a PostgreSQL restart does to the service, in the suite's database only: every session of
 * the service's role ended at once, and no new one let in for `forMs` (the database's connection
 * limit at 0, which the superuser running the test is exempt from). Answers how many were ended.
 */
async function cutDatabaseSessions(admin: Client, forMs: number): Promise<number> {
  const database = testInfrastructure().databaseName;
  await admin.query(`ALTER DATABASE "${database}" CONNECTION LIMIT 0`);
  try {
    const { rows } = await admin.query<{ terminated: boolean }>(
      `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE datname = $1 AND usename = $2 AND pid <> pg_backend_pid()`,
      [database, serviceRole()],
    );
    await new Promise((resolve) => setTimeout(resolve, forMs));
    return rows.filter((row) => row.terminated).length;
  } finally {
    await admin.query(`ALTER DATABASE "${database}" CONNECTION LIMIT -1`);
  }
}

/**
 * Dispatch under database faults (issue 13, chaos run): two instances on one schema, the SMTP sink
 * and a real webhook receiver. A send's outcome is recorded across a cut of every database session,
 * and a delivery whose timer was lost is found by the sweep; each is sent once.
 */
describe('notification-service dispatch under database faults', () => {
  let first: BootstrappedService<unknown>;
  let second: BootstrappedService<unknown>;
  let publisher: EventPublisher;
  let admin: Client;
  let mailbox: Awaited<ReturnType<typeof aMailbox>>;
  let invoicingApi: Awaited<ReturnType<typeof anInvoicingApi>>;
  let serviceToken: string;

  const environment = async () => ({
    ...testServiceEnvironment('notification-service'),
    ...(await testAuthEnvironment()),
    LOG_LEVEL: process.env.MB_TEST_LOG_LEVEL ?? 'error',
    SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
    MAIL_FROM: 'billing@milestone-billing.test',
    WEBHOOK_RETRY_BASE_MS: '100',
    WEBHOOK_HTTP_URLS: 'local-development',
    WEBHOOK_EGRESS_ALLOWED_CIDRS: '127.0.0.1/32',
    WEBHOOK_SECRET_KEYS: TEST_SECRET_KEYS,
    INVOICING_API_URL: invoicingApi.url,
    INVOICING_API_CREDENTIAL: serviceToken,
    DELIVERY_LEASE_MS: String(LEASE_MS),
  });

  beforeAll(async () => {
    mailbox = await aMailbox();
    serviceToken = await testToken('service');
    invoicingApi = await anInvoicingApi(serviceToken);
    first = await bootstrapService(notificationServiceDefinition, await environment());
    second = await bootstrapService(notificationServiceDefinition, await environment());
    publisher = await EventPublisher.connect(testKafka());
    admin = new Client({ connectionString: testAdminDatabaseUrl() });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.end();
    await publisher?.close();
    await second?.close();
    await first?.close();
    await invoicingApi?.close();
    await mailbox?.close();
  });

  /** The event's delivery to the subscription: other suites' subscriptions to every client's events get one of their own. */
  async function deliveryOf(eventId: string, subscriptionId: string): Promise<{ status: string; attempts: number } | undefined> {
    const response = await injectAs(first.app, 'admin', { method: 'GET', url: `/v1/deliveries?event_id=${eventId}` });
    // During the cut the API answers 500 (its own session ended): not yet known.
    if (response.statusCode !== 200) return undefined;
    return (response.json().data as { status: string; attempts: number; subscription_id: string | null }[]).find((delivery) => delivery.subscription_id === subscriptionId);
  }

  it("records a sent webhook's outcome across a cut of every database session, and sends it once though two instances run", async () => {
    // given a subscription whose receiver answers at once, and takes the service's database away for 1.2 s on the first arrival
    const received: string[] = [];
    const cuts: Promise<number>[] = [];
    const receiver = createServer((request: IncomingMessage, response: ServerResponse) => {
      request.resume();
      received.push(String(request.headers['webhook-id']));
      if (cuts.length === 0) cuts.push(cutDatabaseSessions(admin, CUT_MS));
      response.writeHead(200).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const clientId = newId('cli');
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
      const created = await injectAs(first.app, 'admin', { method: 'POST', url: '/v1/webhook-subscriptions', payload: { url, events: ['invoice.paid'], client_id: clientId } });
      expect(created.statusCode).toBe(201);
      // (the other instance reads the subscribed event types every 5 s: read them there now, or it may skip the event)
      await second.app.get(SubscribedEventsCache).refresh();
      // when an event for it comes in
      const paid = aValidEvent('invoice.paid', { id: newEventId(), data: { contract_id: newId('con'), client_id: clientId, invoice_id: newId('inv') } });
      await publisher.publish(paid, paid.data.contract_id);
      // then, once the cut is over, the delivery is recorded sent, in one attempt
      const sent = await eventually(() => deliveryOf(paid.id, created.json().id), (delivery) => delivery?.status === 'sent', 'the webhook recorded sent', 90_000).catch((error: unknown) => {
        throw new Error(`${String(error)}; received: ${JSON.stringify(received)}`);
      });
      expect(sent?.attempts).toBe(1);
      // and the cut did end the service's sessions
      expect((await Promise.all(cuts)).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
      // and the receiver got it once, even after more than a lease (when a lost outcome would be sent again)
      await new Promise((resolve) => setTimeout(resolve, 2 * LEASE_MS));
      expect(received).toEqual([paid.id]);
    } finally {
      // A cut still running would reach into the next test.
      await Promise.allSettled(cuts);
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
    // The first event of a run may wait on the consumer group's first join.
  }, 120_000);

  it('sends a due delivery whose timer was lost, once, by the periodic sweep', async () => {
    // given a pending email delivery, due a minute ago and never claimed, with no timer (as when its timer was lost while the database was away)
    const recipient = `ap-${newId('cli').toLowerCase()}@client.example`;
    const dueAt = new Date(Date.now() - 60_000);
    const stranded = Delivery.plan({
      id: newId('dlv'),
      eventId: newEventId(),
      eventName: 'invoice.issued',
      channel: 'email',
      recipient,
      payload: { subject: 'Invoice stranded', text: 'Dear client' },
      now: dueAt,
    });
    await first.app.get(UnitOfWork).run(() => first.app.get(DeliveryRepository).planOnce(stranded));
    // when the instances' sweeps run (every lease)
    // then it is emailed once, and recorded sent
    await eventually(() => mailbox.to(recipient), (mails) => mails.length === 1, 'the stranded delivery emailed', 30_000);
    await eventually(() => first.app.get(DeliveryRepository).findById(stranded.id), (delivery) => delivery?.snapshot().status === 'sent', 'the stranded delivery recorded sent');
    await new Promise((resolve) => setTimeout(resolve, 2 * LEASE_MS));
    expect(mailbox.to(recipient)).toHaveLength(1);
  });
});
