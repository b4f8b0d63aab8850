import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { aValidEvent, type EventName } from '@mb/events';
import { newEventId, newId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { injectAs, testAuthEnvironment, testServiceEnvironment, testToken } from '@mb/testing';
import { DELIVERY_DUE_TIMER } from '../../src/application/dispatch-delivery/dispatch-delivery.handler';
import { notificationServiceDefinition } from '../../src/notification-service.definition';
import { aMailbox, anInvoicingApi, eventually, EventPublisher, TEST_SECRET_KEYS, testKafka } from './notification-test-kit';

/** What a scripted receiver does with a request: answer now, answer after a while, or never. */
type Behaviour = { answerAfterMs: number } | 'never';

interface ScriptedReceiver {
  url(path: string): string;
  /** The webhook-ids of the requests received, in order. */
  readonly received: string[];
  /** Requests open now (received, not yet answered or dropped), and the most ever open at once. */
  open(): number;
  maxOpen(): number;
  answered(): number;
  /** Told when each request arrives, with what another receiver has open at that moment. */
  onArrival(listener: () => void): void;
  close(): Promise<void>;
}

/** A webhook receiver on its own port (so its own endpoint) that answers 200 as its script says, counting what is in flight. */
async function aScriptedReceiver(behaviourOf: (arrival: number) => Behaviour): Promise<ScriptedReceiver> {
  const received: string[] = [];
  const listeners: (() => void)[] = [];
  const hanging = new Set<ServerResponse>();
  let open = 0;
  let maxOpen = 0;
  let answered = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    received.push(String(request.headers['webhook-id']));
    open += 1;
    maxOpen = Math.max(maxOpen, open);
    for (const listener of listeners) listener();
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      open -= 1;
    };
    response.on('close', settle);
    const behaviour = behaviourOf(received.length);
    if (behaviour === 'never') {
      hanging.add(response);
      return;
    }
    setTimeout(() => {
      answered += 1;
      response.writeHead(200).end();
    }, behaviour.answerAfterMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    open: () => open,
    maxOpen: () => maxOpen,
    answered: () => answered,
    onArrival: (listener) => void listeners.push(listener),
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const LEASE_MS = 1_500;
const WEBHOOK_TIMEOUT_MS = 8_000;
const PER_ENDPOINT = 3;

/**
 * Concurrent dispatch (issue 13 item 5), against real sockets: receivers that never answer or answer
 * slowly, the SMTP sink, and two instances of the service on one schema. Leases are short here
 * (1.5 s, renewed every 0.5 s), so a slow send outlives several of them.
 */
describe('notification-service dispatch', () => {
  let service: BootstrappedService<unknown>;
  let publisher: EventPublisher;
  let mailbox: Awaited<ReturnType<typeof aMailbox>>;
  let invoicingApi: Awaited<ReturnType<typeof anInvoicingApi>>;
  let serviceToken: string;
  const receivers: ScriptedReceiver[] = [];

  const environment = async () => ({
    ...testServiceEnvironment('notification-service'),
    ...(await testAuthEnvironment()),
    LOG_LEVEL: 'warn',
    SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
    MAIL_FROM: 'billing@milestone-billing.test',
    WEBHOOK_RETRY_BASE_MS: '100',
    WEBHOOK_HTTP_URLS: 'local-development',
    WEBHOOK_EGRESS_ALLOWED_CIDRS: '127.0.0.1/32',
    WEBHOOK_SECRET_KEYS: TEST_SECRET_KEYS,
    INVOICING_API_URL: invoicingApi.url,
    INVOICING_API_CREDENTIAL: serviceToken,
    DELIVERY_CONCURRENCY: '16',
    DELIVERY_CONCURRENCY_PER_ENDPOINT: String(PER_ENDPOINT),
    DELIVERY_LEASE_MS: String(LEASE_MS),
    WEBHOOK_TIMEOUT_MS: String(WEBHOOK_TIMEOUT_MS),
    WEBHOOK_CONNECT_TIMEOUT_MS: '1000',
  });

  beforeAll(async () => {
    mailbox = await aMailbox();
    serviceToken = await testToken('service');
    invoicingApi = await anInvoicingApi(serviceToken);
    service = await bootstrapService(notificationServiceDefinition, await environment());
    publisher = await EventPublisher.connect(testKafka());
  });

  afterAll(async () => {
    await publisher?.close();
    await service?.close();
    for (const receiver of receivers) await receiver.close();
    await invoicingApi?.close();
    await mailbox?.close();
  });

  async function aReceiver(behaviourOf: (arrival: number) => Behaviour): Promise<ScriptedReceiver> {
    const receiver = await aScriptedReceiver(behaviourOf);
    receivers.push(receiver);
    return receiver;
  }

  async function subscribe(url: string, clientId: string, events: EventName[]): Promise<{ id: string }> {
    const created = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/webhook-subscriptions', payload: { url, events, client_id: clientId } });
    expect(created.statusCode).toBe(201);
    return created.json();
  }

  interface ListedDelivery {
    id: string;
    channel: string;
    status: string;
    attempts: number;
    subscription_id: string | null;
    attempt_log: { outcome: string; error: string | null }[];
  }

  async function deliveriesOf(eventId: string, subscriptionId: string): Promise<ListedDelivery[]> {
    const response = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/deliveries?event_id=${eventId}` });
    expect(response.statusCode).toBe(200);
    return (response.json().data as ListedDelivery[]).filter((delivery) => delivery.subscription_id === subscriptionId);
  }

  async function publishPayments(clientId: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const paid = aValidEvent('invoice.paid', { id: newEventId(), data: { contract_id: newId('con'), client_id: clientId, invoice_id: newId('inv') } });
      await publisher.publish(paid, paid.data.contract_id);
      ids.push(paid.id);
    }
    return ids;
  }

  it("delays neither another receiver's webhooks nor the emails while a receiver never answers; its attempts time out and are retried", async () => {
    // given a client whose webhooks go to a receiver that never answers and to one that answers at once
    const clientId = newId('cli');
    const dead = await aReceiver(() => 'never');
    const alive = await aReceiver(() => ({ answerAfterMs: 0 }));
    const arrivalsWhileDeadHung: string[] = [];
    alive.onArrival(() => {
      if (dead.open() > 0) arrivalsWhileDeadHung.push('webhook');
    });
    const deadSubscription = await subscribe(dead.url('/dead'), clientId, ['invoice.paid']);
    await subscribe(alive.url('/alive'), clientId, ['invoice.paid']);
    const contractId = newId('con');
    const apEmail = `ap-${clientId.toLowerCase()}@client.example`;
    await publisher.publish(
      aValidEvent('contract.activated', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, client_name: 'Acme Corp', client_ap_email: apEmail, title: 'Robots' } }),
      contractId,
    );

    // when payments are published, then invoices issued
    const payments = await publishPayments(clientId, 8);
    await eventually(() => dead.open(), (open) => open > 0, 'the dead receiver holding a request');
    const numbers = ['INV-2026-900001', 'INV-2026-900002', 'INV-2026-900003'];
    for (const number of numbers) {
      await publisher.publish(aValidEvent('invoice.issued', { id: newEventId(), data: { contract_id: contractId, client_id: clientId, invoice_id: newId('inv'), invoice_number: number } }), contractId);
    }

    // then every webhook reaches the live receiver, and every email the mailbox, while the dead one still holds requests unanswered
    await eventually(() => alive.received.filter((id) => payments.includes(id)), (found) => found.length === payments.length, 'the live receiver to get every payment');
    await eventually(() => mailbox.to(apEmail), (found) => found.length === numbers.length, 'the invoice emails');
    expect(dead.answered()).toBe(0);
    expect(dead.open()).toBeGreaterThan(0);
    expect(arrivalsWhileDeadHung.length).toBeGreaterThan(0);
    // and the dead receiver never had more requests in flight than its endpoint's cap
    expect(dead.maxOpen()).toBeLessThanOrEqual(PER_ENDPOINT);
    // and its attempts time out, fail neutrally, and are retried by the retry policy. The eight
    // deliveries go PER_ENDPOINT at a time, each held a whole WEBHOOK_TIMEOUT_MS, and a retry queues
    // behind the first attempts still waiting: the first retry is over after four rounds of sends,
    // whichever deliveries went first (the waits allow twice that, for a busy machine).
    const deadDeliveries = async () => (await Promise.all(payments.map((payment) => deliveriesOf(payment, deadSubscription.id)))).flat();
    const rounds = Math.ceil(payments.length / PER_ENDPOINT) + 1;
    const retried = (
      await eventually(deadDeliveries, (found) => found.some((delivery) => delivery.attempts >= 2), 'one of the dead receiver’s deliveries retried', 2 * rounds * WEBHOOK_TIMEOUT_MS)
    ).find((delivery) => delivery.attempts >= 2) as ListedDelivery;
    expect(retried.status).toBe('pending');
    expect(retried.attempt_log.slice(0, 2)).toEqual([expect.objectContaining({ outcome: 'failed', error: 'timeout' }), expect.objectContaining({ outcome: 'failed', error: 'timeout' })]);
  }, 180_000);

  it("keeps to the per-endpoint cap: a slow receiver never has more of an instance's requests in flight than DELIVERY_CONCURRENCY_PER_ENDPOINT", async () => {
    // given a receiver that takes 300 ms over each request
    const clientId = newId('cli');
    const slow = await aReceiver(() => ({ answerAfterMs: 300 }));
    const subscription = await subscribe(slow.url('/slow'), clientId, ['invoice.paid']);
    // when twelve events for it come in together
    const payments = await publishPayments(clientId, 12);
    // then all are sent, several at once, never more than the cap
    await eventually(
      async () => Promise.all(payments.map(async (id) => (await deliveriesOf(id, subscription.id))[0]?.status)),
      (statuses) => statuses.every((status) => status === 'sent'),
      'every delivery to the slow receiver sent',
    );
    expect(slow.maxOpen()).toBeLessThanOrEqual(PER_ENDPOINT);
    expect(slow.maxOpen()).toBeGreaterThan(1);
  });

  it('never sends one delivery twice from two instances while a send slower than several leases is in flight', async () => {
    // given a second instance on the same schema, and a receiver that answers after more than two leases
    const another = await bootstrapService(notificationServiceDefinition, await environment());
    try {
      const clientId = newId('cli');
      const slow = await aReceiver(() => ({ answerAfterMs: LEASE_MS * 3 }));
      const subscription = await subscribe(slow.url('/slower-than-a-lease'), clientId, ['invoice.paid']);
      // when events for it come in
      const payments = await publishPayments(clientId, 3);
      // then each is sent once, in one attempt, though its timer fired again during the send (at the first lease's end)
      const sent = await eventually(
        async () => Promise.all(payments.map(async (id) => (await deliveriesOf(id, subscription.id))[0])),
        (deliveries) => deliveries.every((delivery) => delivery?.status === 'sent'),
        'every slow delivery sent',
      );
      expect(sent.map((delivery) => delivery.attempts)).toEqual([1, 1, 1]);
      expect([...slow.received].sort()).toEqual([...payments].sort());
      for (const delivery of sent) {
        const [{ firings }]: { firings: string }[] = await service.runtime.dataSource.query(
          `SELECT count(*) AS firings FROM notification.job WHERE name = $1 AND singleton_key = $2 AND state = 'completed'`,
          [DELIVERY_DUE_TIMER, delivery.id],
        );
        expect(Number(firings)).toBeGreaterThanOrEqual(2);
      }
    } finally {
      await another.close();
    }
  });
});
