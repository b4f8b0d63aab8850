import { aValidEvent } from '@mb/events';
import { newEventId, newId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { injectAs, testAuthEnvironment, testServiceEnvironment } from '@mb/testing';
import { collectionsServiceDefinition } from '../../src/collections-service.definition';
import { eventually, EventPublisher, TopicReader, testKafka } from './collections-test-kit';

describe('collections-service disputes', () => {
  let service: BootstrappedService<unknown>;
  let publisher: EventPublisher;
  let reader: TopicReader;

  beforeAll(async () => {
    service = await bootstrapService(collectionsServiceDefinition, {
      ...testServiceEnvironment('collections-service'),
      ...(await testAuthEnvironment()),
      LOG_LEVEL: 'warn',
    });
    const kafka = testKafka();
    publisher = await EventPublisher.connect(kafka);
    reader = await TopicReader.start(kafka, ['collections.dispute_opened', 'collections.dispute_resolved']);
  });

  afterAll(async () => {
    await reader?.close();
    await publisher?.close();
    await service?.close();
  });

  let sequence = 0;
  const key = () => `dispute-test-${Date.now()}-${++sequence}`;

  /** An invoice of 7,725.00 issued to a new client, known to collections once the call returns. */
  async function anIssuedInvoice(): Promise<{ clientId: string; contractId: string; invoiceId: string; invoiceNumber: string }> {
    const clientId = newId('cli');
    const contractId = newId('con');
    const invoiceId = newId('inv');
    const invoiceNumber = `INV-2026-${String(100_000 + Math.floor(Math.random() * 899_999)).slice(0, 6)}`;
    const issued = aValidEvent('invoice.issued', {
      id: newEventId(),
      data: { client_id: clientId, contract_id: contractId, invoice_id: invoiceId, invoice_number: invoiceNumber, amount_due_cents: 772_500 },
    });
    await publisher.publish(issued, contractId);
    await eventually(
      async () => (await service.runtime.dataSource.query(`SELECT 1 FROM collections.dispute_invoices WHERE invoice_id = $1 AND invoice_number IS NOT NULL`, [invoiceId])).length,
      (rows) => rows === 1,
      'invoice.issued to reach collections',
    );
    return { clientId, contractId, invoiceId, invoiceNumber };
  }

  const open = (caller: Parameters<typeof injectAs>[1], invoiceId: string, payload: object, idempotencyKey: string | null = key()) =>
    injectAs(service.app, caller, {
      method: 'POST',
      url: `/v1/invoices/${invoiceId}/disputes`,
      payload,
      headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
    });

  const resolve = (caller: Parameters<typeof injectAs>[1], disputeId: string, payload: object) =>
    injectAs(service.app, caller, { method: 'POST', url: `/v1/disputes/${disputeId}/resolution`, payload, headers: { 'idempotency-key': key() } });

  it('lets a client dispute part of its own invoice, announces it, and lets finance uphold it with a credit', async () => {
    // given an issued invoice of 7,725.00
    const invoice = await anIssuedInvoice();
    const client = { role: 'client' as const, clientId: invoice.clientId };

    // when the client disputes 1,500.00 of it
    const opened = await open(client, invoice.invoiceId, { amount_cents: 150_000, reason: 'Two review days, not five.' });

    // then the dispute is open, recorded as the client's
    expect(opened.statusCode).toBe(201);
    const dispute = opened.json();
    expect(dispute).toMatchObject({
      client_id: invoice.clientId,
      invoice_id: invoice.invoiceId,
      invoice_number: invoice.invoiceNumber,
      currency: 'usd',
      amount_cents: 150_000,
      invoice_balance_cents: 772_500,
      whole_invoice: false,
      status: 'open',
      opened_by: { role: 'client' },
      resolution: null,
    });
    // and collections.dispute_opened is published, keyed by the client
    const [announced] = await eventually(() => reader.about('collections.dispute_opened', 'dispute_id', dispute.id), (found) => found.length === 1, 'dispute_opened');
    expect(announced.key).toBe(invoice.clientId);
    expect(announced.envelope.data).toMatchObject({ invoice_id: invoice.invoiceId, amount_cents: 150_000, reason: 'Two review days, not five.', opened_by: { role: 'client' } });

    // and a second dispute of the same invoice is refused while the first is open
    const second = await open('finance', invoice.invoiceId, { reason: 'Again.' });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('dispute.already_open');

    // when a client tries to resolve it, it is forbidden; finance upholds it for 1,000.00
    expect((await resolve(client, dispute.id, { outcome: 'upheld', note: 'x' })).statusCode).toBe(403);
    const resolved = await resolve('finance', dispute.id, { outcome: 'upheld', note: 'Timesheets confirm two days.', credit_amount_cents: 100_000 });

    // then it is upheld with the credit, and collections.dispute_resolved says so
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'upheld', resolution: { outcome: 'upheld', credit_amount_cents: 100_000, resolved_by: { role: 'finance' } } });
    const [decided] = await eventually(() => reader.about('collections.dispute_resolved', 'dispute_id', dispute.id), (found) => found.length === 1, 'dispute_resolved');
    expect(decided.key).toBe(invoice.clientId);
    expect(decided.envelope.data).toMatchObject({ outcome: 'upheld', credit_amount_cents: 100_000, note: 'Timesheets confirm two days.', amount_cents: 150_000 });

    // and it cannot be decided twice
    const again = await resolve('finance', dispute.id, { outcome: 'rejected', note: 'No.' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('dispute.already_resolved');
  });

  it('lets finance dispute the whole invoice on the client\'s behalf and reject it, with no credit', async () => {
    // given an issued invoice
    const invoice = await anIssuedInvoice();
    // when finance disputes it without an amount
    const opened = await open('finance', invoice.invoiceId, { reason: 'Client called: wrong purchase order.' });
    expect(opened.statusCode).toBe(201);
    expect(opened.json()).toMatchObject({ amount_cents: 772_500, whole_invoice: true, opened_by: { role: 'finance' } });
    // when finance rejects it
    const rejected = await resolve('finance', opened.json().id, { outcome: 'rejected', note: 'The PO on the invoice is the one on the contract.' });
    // then nothing is credited and the event carries no credit
    expect(rejected.json()).toMatchObject({ status: 'rejected', resolution: { outcome: 'rejected', credit_amount_cents: null } });
    const [decided] = await eventually(() => reader.about('collections.dispute_resolved', 'dispute_id', opened.json().id), (found) => found.length === 1, 'dispute_resolved');
    expect(decided.envelope.data.outcome).toBe('rejected');
    expect(decided.envelope.data).not.toHaveProperty('credit_amount_cents');
    // and the invoice may be disputed again
    expect((await open('finance', invoice.invoiceId, { amount_cents: 1, reason: 'One cent.' })).statusCode).toBe(201);
  });

  it('refuses what the rules refuse, naming the field and the rule', async () => {
    const invoice = await anIssuedInvoice();
    const client = { role: 'client' as const, clientId: invoice.clientId };
    // more than the open balance
    const tooMuch = await open(client, invoice.invoiceId, { amount_cents: 772_501, reason: 'x' });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json()).toMatchObject({ code: 'dispute.amount_exceeds_balance' });
    // no reason
    expect((await open(client, invoice.invoiceId, { amount_cents: 1 })).statusCode).toBe(400);
    // without an Idempotency-Key
    expect((await open(client, invoice.invoiceId, { reason: 'x' }, null)).statusCode).toBe(400);
    // another client's invoice is as good as unknown
    const stranger = await open({ role: 'client', clientId: newId('cli') }, invoice.invoiceId, { reason: 'x' });
    expect(stranger.statusCode).toBe(404);
    // a project manager may not dispute
    expect((await open('project_manager', invoice.invoiceId, { reason: 'x' })).statusCode).toBe(403);
    // an invoice collections never heard of
    expect((await open('finance', newId('inv'), { reason: 'x' })).statusCode).toBe(404);
  });

  it('lowers the disputable balance by payments, and refuses a dispute of a paid invoice', async () => {
    // given an issued invoice, 7,000.00 of which is paid
    const invoice = await anIssuedInvoice();
    const payment = aValidEvent('payment.recorded', {
      id: newEventId(),
      data: {
        payment_id: newId('pay'),
        client_id: invoice.clientId,
        amount_cents: 700_000,
        allocations: [{ invoice_id: invoice.invoiceId, invoice_number: invoice.invoiceNumber, contract_id: invoice.contractId, amount_cents: 700_000 }],
        unapplied_cents: 0,
      },
    });
    await publisher.publish(payment, invoice.clientId);
    await eventually(
      async () => (await service.runtime.dataSource.query(`SELECT reduced_cents FROM collections.dispute_invoices WHERE invoice_id = $1`, [invoice.invoiceId]))[0]?.reduced_cents,
      (reduced) => Number(reduced) === 700_000,
      'the payment to lower the balance',
    );
    // then at most the 725.00 left can be disputed
    const client = { role: 'client' as const, clientId: invoice.clientId };
    expect((await open(client, invoice.invoiceId, { amount_cents: 72_501, reason: 'x' })).json().code).toBe('dispute.amount_exceeds_balance');
    // when the invoice is paid in full
    await publisher.publish(aValidEvent('invoice.paid', { id: newEventId(), data: { client_id: invoice.clientId, contract_id: invoice.contractId, invoice_id: invoice.invoiceId, invoice_number: invoice.invoiceNumber } }), invoice.contractId);
    await eventually(
      async () => (await service.runtime.dataSource.query(`SELECT closed FROM collections.dispute_invoices WHERE invoice_id = $1`, [invoice.invoiceId]))[0]?.closed,
      (closed) => closed === true,
      'invoice.paid to close it',
    );
    // then there is nothing left to dispute
    const late = await open(client, invoice.invoiceId, { reason: 'x' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('dispute.invoice_not_open');
  });

  it('lists a client\'s disputes to it and to staff, by status, and hides them from other clients', async () => {
    // given two disputes of one client, one of them rejected
    const first = await anIssuedInvoice();
    const client = { role: 'client' as const, clientId: first.clientId };
    const second = { ...first, invoiceId: newId('inv') };
    await publisher.publish(
      aValidEvent('invoice.issued', { id: newEventId(), data: { client_id: first.clientId, contract_id: first.contractId, invoice_id: second.invoiceId, invoice_number: 'INV-2026-000777', amount_due_cents: 10_000 } }),
      first.contractId,
    );
    await eventually(
      async () => (await service.runtime.dataSource.query(`SELECT 1 FROM collections.dispute_invoices WHERE invoice_id = $1 AND invoice_number IS NOT NULL`, [second.invoiceId])).length,
      (rows) => rows === 1,
      'the second invoice to reach collections',
    );
    const a = (await open(client, first.invoiceId, { reason: 'A' })).json();
    const b = (await open(client, second.invoiceId, { reason: 'B' })).json();
    await resolve('finance', a.id, { outcome: 'rejected', note: 'No.' });

    // when they are listed
    const all = await injectAs(service.app, client, { method: 'GET', url: '/v1/disputes' });
    const open_ = await injectAs(service.app, 'auditor', { method: 'GET', url: `/v1/disputes?client_id=${first.clientId}&status=open` });
    const stranger = await injectAs(service.app, { role: 'client', clientId: newId('cli') }, { method: 'GET', url: `/v1/disputes?client_id=${first.clientId}` });

    // then the client sees both, staff filter by status, another client sees none
    expect(all.json().data.map((dispute: { id: string }) => dispute.id).sort()).toEqual([a.id, b.id].sort());
    expect(open_.json().data.map((dispute: { id: string }) => dispute.id)).toEqual([b.id]);
    expect(stranger.json().data).toEqual([]);
    expect((await injectAs(service.app, client, { method: 'GET', url: `/v1/disputes/${a.id}` })).json()).toMatchObject({ id: a.id, status: 'rejected' });
    expect((await injectAs(service.app, { role: 'client', clientId: newId('cli') }, { method: 'GET', url: `/v1/disputes/${a.id}` })).statusCode).toBe(404);
  });
});
