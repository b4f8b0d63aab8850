import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs';
import { aValidEvent, eventDefinition, eventHeadersOf, type EventData, type EventEnvelope, type EventName } from '@mb/events';
import { newEventId, newId } from '@mb/kernel';
import { bootstrapService, type BootstrappedService } from '@mb/platform';
import { eventually, injectAs, testAuthEnvironment, testInfrastructure, testKafkaSasl, testServiceEnvironment, uniqueName, TEST_READER_MAX_WAIT_MS } from '@mb/testing';
import { INVOICE_OVERDUE_TIMER } from '../../src/application/announce-invoice-overdue/announce-invoice-overdue.handler';
import type { InvoicingServiceConfig } from '../../src/config';
import { invoicingServiceDefinition } from '../../src/invoicing-service.definition';


export { eventually };

const PUBLISHED: EventName[] = ['invoice.issued', 'invoice.paid', 'invoice.overdue', 'invoice.payment_reminder_due', 'payment.recorded', 'refund.recorded', 'invoice.voided', 'invoice.uncollectible', 'credit_note.issued'];

/**
 * The invoicing service in-process on the suite's real PostgreSQL and Kafka, a producer to feed
 * its consumers, and a reader of every event it publishes (filter by your own contract ids:
 * the topics are shared by every test of the run).
 */
export class InvoicingTestKit {
  private readonly published: { event: string; data: { contract_id?: string; client_id?: string; allocations?: { contract_id?: string }[] } }[] = [];

  private constructor(
    readonly service: BootstrappedService<InvoicingServiceConfig>,
    private readonly producer: Producer,
    private readonly reader: Consumer,
  ) {}

  static async start(environment: Record<string, string> = {}): Promise<InvoicingTestKit> {
    const service = await bootstrapService(invoicingServiceDefinition, {
      ...testServiceEnvironment('invoicing-service'),
      ...(await testAuthEnvironment()),
      CLOCK_CONTROL: 'enabled',
      LOG_LEVEL: 'warn',
      ...environment,
    });
    const kafka = new Kafka({ clientId: uniqueName('invoicing-test'), brokers: testInfrastructure().brokers, sasl: testKafkaSasl(), logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const reader = kafka.consumer({ groupId: uniqueName('invoicing-reader'), maxWaitTimeInMs: TEST_READER_MAX_WAIT_MS });
    await reader.connect();
    await reader.subscribe({ topics: PUBLISHED, fromBeginning: true });
    const kit = new InvoicingTestKit(service, producer, reader);
    await reader.run({
      eachMessage: async ({ message }) => {
        kit.published.push(JSON.parse(message.value?.toString() ?? '{}'));
      },
    });
    return kit;
  }

  async close(): Promise<void> {
    await this.reader.disconnect();
    await this.producer.disconnect();
    await this.service.close();
  }

  /**
   * Publishes an event as its producer would: key = contract id, schema version header, created at
   * the service's (test) clock, as a producer whose clock moved with it would stamp it.
   */
  async publish<N extends EventName>(name: N, data: Partial<EventData<N>>): Promise<EventEnvelope<N>> {
    const envelope = aValidEvent(name, { id: newEventId(), created_at: this.service.runtime.clock.now().toISOString(), data });
    const key = (envelope.data as { contract_id: string }).contract_id;
    await this.producer.send({ topic: name, acks: -1, messages: [{ key, value: JSON.stringify(envelope), headers: { 'event-version': String(eventDefinition(name).currentVersion) } }] });
    return envelope;
  }

  /**
   * Publishes an event with every header its producer's outbox gives it (eventHeadersOf, with the
   * headers copied from its data, such as milestone-status), unlike `publish`, which sends the
   * version header only, as a message published before those headers existed.
   */
  async publishWithProducerHeaders<N extends EventName>(name: N, data: Partial<EventData<N>>): Promise<EventEnvelope<N>> {
    const envelope = aValidEvent(name, { id: newEventId(), created_at: this.service.runtime.clock.now().toISOString(), data });
    const key = (envelope.data as { contract_id: string }).contract_id;
    const headers = eventHeadersOf(name, eventDefinition(name).currentVersion, {}, envelope.data as object);
    await this.producer.send({ topic: name, acks: -1, messages: [{ key, value: JSON.stringify(envelope), headers: { ...headers } }] });
    return envelope;
  }

  /** Sends an envelope already published once more, as Kafka redelivers it: same id, same key, same version header. */
  async redeliver<N extends EventName>(name: N, envelope: EventEnvelope<N>): Promise<void> {
    const key = (envelope.data as { contract_id: string }).contract_id;
    await this.producer.send({ topic: name, acks: -1, messages: [{ key, value: JSON.stringify(envelope), headers: { 'event-version': String(eventDefinition(name).currentVersion) } }] });
  }

  /**
   * Events the service published about one contract or client, so far: its id in `contract_id` or
   * `client_id`, or (a client's payment) in one of the allocations.
   */
  eventsOf<N extends EventName>(name: N, contractOrClientId: string): EventEnvelope<N>[] {
    return this.published.filter(
      ({ event, data }) =>
        event === name &&
        (data.contract_id === contractOrClientId || data.client_id === contractOrClientId || (data.allocations ?? []).some((allocation) => allocation.contract_id === contractOrClientId)),
    ) as unknown as EventEnvelope<N>[];
  }

  async awaitEvents<N extends EventName>(name: N, contractOrClientId: string, count: number): Promise<EventEnvelope<N>[]> {
    return eventually(async () => this.eventsOf(name, contractOrClientId), (events) => events.length >= count, `${count} ${name} for ${contractOrClientId}`);
  }

  /** POST /v1/refunds, which requires an Idempotency-Key: a fresh one unless told. */
  async refund(payload: object, idempotencyKey: string = uniqueName('refund')) {
    return this.request('POST', '/v1/refunds', payload, { 'idempotency-key': idempotencyKey });
  }

  async request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) {
    const response = await injectAs(this.service.app, 'admin', { method, url, payload, headers });
    return { status: response.statusCode, headers: response.headers, body: response.rawPayload, json: () => response.json() };
  }

  /** Activates a contract and waits for its drafts (one per milestone). */
  async anActiveContract(overrides: Parameters<typeof anActivatedContract>[0] = {}) {
    const contract = anActivatedContract(overrides);
    await this.publish('contract.activated', contract);
    const contractId = contract.contract_id as string;
    const drafts = await eventually(() => this.invoicesOf(contractId), (invoices) => invoices.length === (contract.milestones ?? []).length, `drafts of ${contractId}`);
    return { contractId, contract, drafts };
  }

  /** Bills a milestone of the contract and waits for its invoice to be issued. */
  async issued(contractId: string, milestoneIndex: number, amountCents: number): Promise<InvoiceJson> {
    await this.publish('milestone.status_updated', aBillingTrigger(contractId, milestoneIndex, amountCents));
    const invoices = await eventually(
      () => this.invoicesOf(contractId),
      (all) => all.find((invoice) => invoice.milestone_index === milestoneIndex)?.status !== 'draft',
      `milestone ${milestoneIndex} of ${contractId} issued`,
    );
    return invoices.find((invoice) => invoice.milestone_index === milestoneIndex) as InvoiceJson;
  }

  /** POST /v1/payments, which requires an Idempotency-Key: a fresh one unless told. */
  async pay(payload: object, idempotencyKey: string = uniqueName('payment')) {
    return this.request('POST', '/v1/payments', payload, { 'idempotency-key': idempotencyKey });
  }

  async moveClockTo(instant: string): Promise<void> {
    const response = await this.request('PUT', '/v1/test-clock', { now: instant });
    if (response.status !== 200) throw new Error(`clock refused ${instant}: ${response.body.toString()}`);
  }

  /**
   * An invoice's overdue timer as the timer engine (pg-boss, in the service's schema) holds it: its
   * state (`created` while it waits, then `completed` once fired, or `cancelled`) and when it is due
   * by the service clock. Undefined when none was ever set.
   */
  async overdueTimerOf(invoiceId: string): Promise<{ state: string; due_at: string } | undefined> {
    const rows: { state: string; due_at: string }[] = await this.service.runtime.dataSource.query(
      `SELECT state, data ->> 'due_at' AS due_at FROM invoicing.job WHERE name = $1 AND singleton_key = $2 ORDER BY created_on DESC LIMIT 1`,
      [INVOICE_OVERDUE_TIMER, invoiceId],
    );
    return rows[0];
  }

  async invoicesOf(contractId: string): Promise<InvoiceJson[]> {
    const response = await this.request('GET', `/v1/invoices?contract_id=${contractId}`);
    return (response.json() as { data: InvoiceJson[] }).data;
  }

  async financialStatusOf(contractId: string): Promise<Record<string, number | string>> {
    return (await this.request('GET', `/v1/contracts/${contractId}/financial-status`)).json();
  }
}

export interface InvoiceJson {
  id: string;
  number: string | null;
  status: string;
  contract_id: string;
  milestone_index: number;
  total_cents: number;
  amount_paid_cents: number;
  amount_due_cents: number;
  issue_date: string | null;
  due_date: string | null;
  [field: string]: unknown;
}

/** A $30,000 contract of four milestones (25/25/35/15 %) on net-15, as the journey signs it. */
export function anActivatedContract(overrides: Partial<EventData<'contract.activated'>> = {}): Partial<EventData<'contract.activated'>> {
  const base = aValidEvent('contract.activated').data;
  return {
    contract_id: newId('con'),
    client_id: newId('cli'),
    client_name: 'Acme Corp',
    title: 'Customer portal rebuild',
    net_days: 15,
    tax_rate_bps: 0,
    retainage_bps: 0,
    purchase_order_ref: 'PO-77812',
    milestones: base.milestones,
    ...overrides,
  };
}

/** The milestone-service event that makes a milestone billable. */
export function aBillingTrigger(contractId: string, milestoneIndex: number, amountCents: number, title = `Milestone ${milestoneIndex}`) {
  return {
    contract_id: contractId,
    milestone_index: milestoneIndex,
    milestone_title: title,
    amount_due_cents: amountCents,
    currency: 'usd',
    status: 'triggered_for_disbursement' as const,
    milestone_id: newId('ms'),
  };
}

/**
 * The text an uncompressed pdfkit PDF shows: each line is a TJ array of hex glyph strings split
 * by kerning adjustments (`[<496e> 20 <766f...>] TJ`); joining a line's strings gives its text.
 */
export function textOfPdf(pdf: Buffer): string {
  const lines = pdf.toString('latin1').match(/\[[^\]]*\]\s*TJ/g) ?? [];
  return lines
    .map((line) => [...line.matchAll(/<([0-9a-fA-F]*)>/g)].map((part) => Buffer.from(part[1], 'hex').toString('latin1')).join(''))
    .join('\n');
}
