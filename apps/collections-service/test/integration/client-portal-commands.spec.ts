import { aValidEvent } from '@mb/events';
import { addDays, calendarDateIn, newEventId, newId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { injectAs, testAuthEnvironment, testServiceEnvironment, type TestCaller, uniqueName } from '@mb/testing';
import { collectionsServiceDefinition } from '../../src/collections-service.definition';
import { eventually, EventPublisher, TopicReader, testKafka } from './collections-test-kit';

// Issue 15: what the client portal asks of collections. A client accepts a plan finance proposed,
// and withdraws its own dispute; over HTTP, with real Postgres and Kafka.
describe('collections-service proposed payment plans and dispute withdrawal', () => {
  let service: BootstrappedService<unknown>;
  let publisher: EventPublisher;
  let reader: TopicReader;

  beforeAll(async () => {
    service = await bootstrapService(collectionsServiceDefinition, {
      ...testServiceEnvironment('collections-service'),
      ...(await testAuthEnvironment()),
      CLOCK_CONTROL: 'enabled',
      LOG_LEVEL: 'warn',
    });
    const kafka = testKafka();
    publisher = await EventPublisher.connect(kafka);
    reader = await TopicReader.start(kafka, ['collections.payment_plan_proposed', 'collections.payment_plan_agreed', 'collections.dispute_withdrawn']);
  });

  afterAll(async () => {
    await reader?.close();
    await publisher?.close();
    await service?.close();
  });

  /** A client with an overdue invoice of `amountCents` (issued, then overdue), in an open case known to disputes too. */
  async function anOverdueInvoice(amountCents = 120_000): Promise<{ clientId: string; contractId: string; invoiceId: string; caseId: string }> {
    const clientId = newId('cli');
    const contractId = newId('con');
    const invoiceId = newId('inv');
    const invoiceNumber = `INV-2026-${String(Math.floor(Math.random() * 900_000) + 100_000)}`;
    const about = { client_id: clientId, contract_id: contractId, invoice_id: invoiceId, invoice_number: invoiceNumber, amount_due_cents: amountCents, currency: 'usd' };
    await publisher.publish(aValidEvent('invoice.issued', { id: newEventId(), data: about }), contractId);
    await publisher.publish(aValidEvent('invoice.overdue', { id: newEventId(), data: { ...about, days_overdue: 2 } }), contractId);
    const [found] = await eventually(
      async () => (await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/cases?client_id=${clientId}` })).json().data as { id: string }[],
      (cases) => cases.length === 1,
      'the case',
    );
    await eventually(
      async () => (await service.runtime.dataSource.query(`SELECT 1 FROM collections.dispute_invoices WHERE invoice_id = $1 AND invoice_number IS NOT NULL`, [invoiceId])).length,
      (rows) => rows === 1,
      'invoice.issued to reach disputes',
    );
    return { clientId, contractId, invoiceId, caseId: found.id };
  }

  async function today(): Promise<string> {
    return calendarDateIn(service.runtime.clock.now(), 'UTC');
  }

  function post(caller: TestCaller, url: string, payload?: object, idempotencyKey: string | null = uniqueName('portal')) {
    return injectAs(service.app, caller, { method: 'POST', url, ...(payload ? { payload } : {}), headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} });
  }

  async function caseOf(caseId: string) {
    return (await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/cases/${caseId}` })).json();
  }

  it('proposes a plan that holds nothing until the client accepts it; accepted, it holds dunning and is announced as agreed', async () => {
    // given an open case
    const { clientId, caseId } = await anOverdueInvoice();
    const client: TestCaller = { role: 'client', clientId };
    const dates = [addDays(await today(), 5), addDays(await today(), 35)];

    // when finance proposes a plan of two instalments
    const proposedResponse = await post('finance', `/v1/cases/${caseId}/payment-plans`, { proposed: true, currency: 'usd', instalments: { dates } });

    // then it is proposed, agreed by nobody, with the day it must be accepted by
    expect(proposedResponse.statusCode).toBe(201);
    const proposal = proposedResponse.json();
    expect(proposal).toMatchObject({ status: 'proposed', agreed_at: null, agreed_by: null, accept_by: dates[0], total_cents: 120_000 });
    // and the case's dunning is not held
    expect((await caseOf(caseId)).holds).toEqual([]);
    // and collections.payment_plan_proposed is published, keyed by the client
    const [announced] = await eventually(() => reader.about('collections.payment_plan_proposed', 'payment_plan_id', proposal.id), (found) => found.length === 1, 'payment_plan_proposed');
    expect(announced.key).toBe(clientId);
    expect(announced.envelope.data).toMatchObject({ case_id: caseId, accept_by: dates[0], total_cents: 120_000 });
    expect(announced.envelope.data).not.toHaveProperty('supersedes_payment_plan_id');

    // when another client tries to accept it, it is as if it did not exist
    const stranger = await post({ role: 'client', clientId: newId('cli') }, `/v1/payment-plans/${proposal.id}/accept`);
    expect([stranger.statusCode, stranger.json().code]).toEqual([404, 'payment_plan.not_found']);
    // and without an Idempotency-Key the client's acceptance is refused
    const noKey = await post(client, `/v1/payment-plans/${proposal.id}/accept`, undefined, null);
    expect([noKey.statusCode, noKey.json().code]).toEqual([400, 'idempotency_key.missing']);

    // when the client accepts it
    const key = uniqueName('accept');
    const accepted = await post(client, `/v1/payment-plans/${proposal.id}/accept`, undefined, key);

    // then it is agreed by the client, with the dates as proposed
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ id: proposal.id, status: 'agreed', agreed_by: expect.any(String), accept_by: null });
    expect(accepted.json().instalments.map((instalment: { due_date: string }) => instalment.due_date)).toEqual(dates);
    // and the case's dunning is held by the plan
    expect((await caseOf(caseId)).holds).toEqual([expect.objectContaining({ kind: 'payment_plan', reference: proposal.id })]);
    // and collections.payment_plan_agreed is published once
    const [agreed] = await eventually(() => reader.about('collections.payment_plan_agreed', 'payment_plan_id', proposal.id), (found) => found.length === 1, 'payment_plan_agreed');
    expect(agreed.envelope.data).toMatchObject({ case_id: caseId, client_id: clientId, total_cents: 120_000 });
    // and the GET shows it agreed
    const read = await injectAs(service.app, client, { method: 'GET', url: `/v1/payment-plans/${proposal.id}` });
    expect(read.json()).toMatchObject({ status: 'agreed' });

    // when the same acceptance is retried with its key, the same answer comes back; a new one is refused
    const retried = await post(client, `/v1/payment-plans/${proposal.id}/accept`, undefined, key);
    expect([retried.statusCode, retried.json().status]).toEqual([200, 'agreed']);
    const again = await post('finance', `/v1/payment-plans/${proposal.id}/accept`);
    expect([again.statusCode, again.json().code]).toEqual([409, 'payment_plan.not_proposed']);
    expect(reader.about('collections.payment_plan_agreed', 'payment_plan_id', proposal.id)).toHaveLength(1);
  });

  it('keeps one proposal per case: a newer one supersedes the one waiting, which can no longer be accepted', async () => {
    // given a proposal waiting for the client
    const { clientId, caseId } = await anOverdueInvoice();
    const client: TestCaller = { role: 'client', clientId };
    const first = (await post('finance', `/v1/cases/${caseId}/payment-plans`, { proposed: true, currency: 'usd', instalments: { count: 2, first_due_date: addDays(await today(), 3), cadence: 'monthly' } })).json();

    // when finance proposes another
    const secondResponse = await post('finance', `/v1/cases/${caseId}/payment-plans`, { proposed: true, currency: 'usd', instalments: { count: 3, first_due_date: addDays(await today(), 7), cadence: 'weekly' } });

    // then the first is superseded (ended, never agreed) and the second is the one proposal, naming the one it replaces
    expect(secondResponse.statusCode).toBe(201);
    const second = secondResponse.json();
    const listed = (await injectAs(service.app, client, { method: 'GET', url: `/v1/cases/${caseId}/payment-plans` })).json().data;
    expect(listed.map((plan: { id: string; status: string }) => [plan.id, plan.status])).toEqual([
      [first.id, 'superseded'],
      [second.id, 'proposed'],
    ]);
    expect(listed[0]).toMatchObject({ agreed_at: null, ended_at: expect.any(String) });
    const [announced] = await eventually(() => reader.about('collections.payment_plan_proposed', 'payment_plan_id', second.id), (found) => found.length === 1, 'second proposal');
    expect(announced.envelope.data.supersedes_payment_plan_id).toBe(first.id);

    // and accepting the superseded one is refused, changing nothing
    const stale = await post(client, `/v1/payment-plans/${first.id}/accept`);
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'payment_plan.not_proposed']);
    expect((await caseOf(caseId)).holds).toEqual([]);

    // and finance may accept the newer one on the client's behalf
    const accepted = await post('finance', `/v1/payment-plans/${second.id}/accept`);
    expect([accepted.statusCode, accepted.json().status]).toEqual([200, 'agreed']);
    // after which no proposal can be made for the currency while the plan holds
    const whileAgreed = await post('finance', `/v1/cases/${caseId}/payment-plans`, { proposed: true, currency: 'usd', instalments: { count: 2, first_due_date: addDays(await today(), 9), cadence: 'weekly' } });
    expect([whileAgreed.statusCode, whileAgreed.json().code]).toEqual([409, 'payment_plan.already_active']);
  });

  it('refuses acceptance once the balance changed, and once the case closed', async () => {
    // given a proposal for a case of one invoice
    const { clientId, contractId, invoiceId, caseId } = await anOverdueInvoice(50_000);
    const client: TestCaller = { role: 'client', clientId };
    const proposal = (await post('finance', `/v1/cases/${caseId}/payment-plans`, { proposed: true, currency: 'usd', instalments: { dates: [addDays(await today(), 4), addDays(await today(), 8)] } })).json();
    const payment = (amountCents: number) =>
      aValidEvent('payment.recorded', {
        id: newEventId(),
        data: {
          payment_id: newId('pay'),
          client_id: clientId,
          amount_cents: amountCents,
          allocations: [{ invoice_id: invoiceId, invoice_number: 'INV-2026-000001', contract_id: contractId, amount_cents: amountCents }],
          unapplied_cents: 0,
        },
      });

    // when the client pays part of the invoice before accepting
    await publisher.publish(payment(20_000), clientId);
    await eventually(async () => (await caseOf(caseId)).invoices[0].balance_cents, (balance) => balance === 30_000, 'the payment applied to the case');

    // then the proposal no longer fits what is owed
    const changed = await post(client, `/v1/payment-plans/${proposal.id}/accept`);
    expect([changed.statusCode, changed.json().code]).toEqual([409, 'payment_plan.balance_changed']);

    // when the rest is paid and the case closes
    await publisher.publish(payment(30_000), clientId);
    await eventually(async () => (await caseOf(caseId)).status, (status) => status === 'closed', 'the case closed');

    // then the proposal is refused for the closed case, and stays proposed
    const closed = await post(client, `/v1/payment-plans/${proposal.id}/accept`);
    expect([closed.statusCode, closed.json().code]).toEqual([409, 'case.not_open']);
    expect((await injectAs(service.app, client, { method: 'GET', url: `/v1/payment-plans/${proposal.id}` })).json().status).toBe('proposed');
  });

  it('lets a client withdraw its own open dispute: the invoice is chased again, and the withdrawal is announced', async () => {
    // given an overdue invoice the client disputes, which the case then leaves alone
    const { clientId, invoiceId, caseId } = await anOverdueInvoice();
    const client: TestCaller = { role: 'client', clientId };
    const dispute = (await post(client, `/v1/invoices/${invoiceId}/disputes`, { reason: 'Two review days, not five.' })).json();
    expect(dispute.status).toBe('open');
    expect((await caseOf(caseId)).invoices[0].disputed).toBe(true);

    // when another client tries to withdraw it, it does not exist for them
    const stranger = await post({ role: 'client', clientId: newId('cli') }, `/v1/disputes/${dispute.id}/withdraw`, { note: 'Not mine.' });
    expect([stranger.statusCode, stranger.json().code]).toEqual([404, 'dispute.not_found']);
    // and a note that is not text is refused, naming the field
    const badNote = await post(client, `/v1/disputes/${dispute.id}/withdraw`, { note: 42 });
    expect(badNote.statusCode).toBe(400);
    expect(badNote.headers['content-type']).toContain('application/problem+json');
    expect(badNote.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'note' })]));

    // when the client withdraws it with a note
    const withdrawn = await post(client, `/v1/disputes/${dispute.id}/withdraw`, { note: 'Our lead found the review notes.' });

    // then it is withdrawn, by the client, with no resolution
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', resolution: null, withdrawal: { note: 'Our lead found the review notes.', withdrawn_by: { role: 'client' } } });
    // and the case chases the invoice again, as after a rejection
    expect((await caseOf(caseId)).invoices[0].disputed).toBe(false);
    // and collections.dispute_withdrawn is published, keyed by the client
    const [announced] = await eventually(() => reader.about('collections.dispute_withdrawn', 'dispute_id', dispute.id), (found) => found.length === 1, 'dispute_withdrawn');
    expect(announced.key).toBe(clientId);
    expect(announced.envelope.data).toMatchObject({ invoice_id: invoiceId, note: 'Our lead found the review notes.', withdrawn_by: { role: 'client' } });

    // and it cannot be withdrawn again, nor decided
    const again = await post(client, `/v1/disputes/${dispute.id}/withdraw`);
    expect([again.statusCode, again.json().code]).toEqual([409, 'dispute.already_resolved']);
    const decided = await post('finance', `/v1/disputes/${dispute.id}/resolution`, { outcome: 'rejected', note: 'No.' });
    expect([decided.statusCode, decided.json().code]).toEqual([409, 'dispute.already_resolved']);
    // and the invoice may be disputed afresh
    expect((await post(client, `/v1/invoices/${invoiceId}/disputes`, { reason: 'On second thoughts.' })).statusCode).toBe(201);
  });

  // Last: it moves the service's business clock past the first due date.
  it('refuses a proposal once its first payment is past due in the client time zone', async () => {
    const { clientId, caseId } = await anOverdueInvoice();
    const firstDue = addDays(await today(), 2);
    const proposal = (await post('finance', `/v1/cases/${caseId}/payment-plans`, { proposed: true, currency: 'usd', instalments: { dates: [firstDue, addDays(firstDue, 30)] }, time_zone: 'America/Los_Angeles' })).json();
    // 08:00 UTC the day after the first due date is 01:00 that day in Los Angeles: the first payment is past due there
    const travel = (instant: string) => injectAs(service.app, 'admin', { method: 'PUT', url: '/v1/test-clock', payload: { now: instant } });
    expect((await travel(`${addDays(firstDue, 1)}T08:00:00Z`)).statusCode).toBe(200);
    const expired = await post({ role: 'client', clientId }, `/v1/payment-plans/${proposal.id}/accept`);
    expect([expired.statusCode, expired.json().code]).toEqual([409, 'payment_plan.proposal_expired']);
    expect(expired.json().detail).toContain(firstDue);
  });
});
