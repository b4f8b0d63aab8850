import { aValidEvent, type EventData } from '@mb/events';
import { addDays, calendarDateIn, newEventId, newId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { injectAs, testAuthEnvironment, testServiceEnvironment } from '@mb/testing';
import { collectionsServiceDefinition } from '../../src/collections-service.definition';
import { eventually, EventPublisher, TopicReader, testKafka } from './collections-test-kit';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('collections-service: the receivable ledger, the dunning ladder on timers, promises to pay', () => {
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
    reader = await TopicReader.start(kafka, [
      'collections.case_opened',
      'collections.invoice_joined',
      'collections.stage_changed',
      'collections.promise_recorded',
      'collections.promise_broken',
    ]);
  });

  afterAll(async () => {
    await reader?.close();
    await publisher?.close();
    await service?.close();
  });

  const today = () => calendarDateIn(service.runtime.clock.now(), 'UTC');

  async function travelTo(now: Date): Promise<void> {
    const response = await injectAs(service.app, 'admin', { method: 'PUT', url: '/v1/test-clock', payload: { now: now.toISOString() } });
    expect(response.statusCode).toBe(200);
  }

  async function handled(eventId: string): Promise<void> {
    await eventually(
      // the cases' own consumer group: invoice and payment events are also read by the disputes' and the plans' groups
      async () => (await service.runtime.dataSource.query(`SELECT 1 FROM collections.inbox WHERE event_id = $1 AND consumer_group = 'collections-service.collections'`, [eventId])).length,
      (rows) => rows === 1,
      `event ${eventId} to be handled`,
    );
  }

  async function casesOf(clientId: string): Promise<Json[]> {
    const response = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/cases?client_id=${clientId}` });
    expect(response.statusCode).toBe(200);
    return response.json().data;
  }

  function anIssued(clientId: string, contractId: string, invoiceId: string, dueDate: string, amountDueCents: number) {
    return aValidEvent('invoice.issued', {
      id: newEventId(),
      data: { client_id: clientId, contract_id: contractId, invoice_id: invoiceId, invoice_number: 'INV-2026-000777', due_date: dueDate, amount_due_cents: amountDueCents } as Partial<EventData<'invoice.issued'>>,
    });
  }

  function anOverdue(clientId: string, contractId: string, invoiceId: string, dueDate: string, amountDueCents: number, number = 'INV-2026-000777') {
    return aValidEvent('invoice.overdue', {
      id: newEventId(),
      data: { client_id: clientId, contract_id: contractId, invoice_id: invoiceId, invoice_number: number, due_date: dueDate, amount_due_cents: amountDueCents, days_overdue: 1 },
    });
  }

  function aPayment(clientId: string, contractId: string, invoiceId: string, amountCents: number) {
    return aValidEvent('payment.recorded', {
      id: newEventId(),
      data: {
        payment_id: newId('pay'),
        client_id: clientId,
        amount_cents: amountCents,
        allocations: [{ invoice_id: invoiceId, invoice_number: 'INV-2026-000777', contract_id: contractId, amount_cents: amountCents }],
        unapplied_cents: 0,
      },
    });
  }

  describe('the dunning ladder API', () => {
    it('serves the built-in ladder, an account default, and a client override until it is removed', async () => {
      const builtIn = await injectAs(service.app, 'finance', { method: 'GET', url: '/v1/dunning-ladder' });
      expect(builtIn.statusCode).toBe(200);
      expect(builtIn.json().source).toBe('default');
      expect(builtIn.json().stages.map((stage: Json) => [stage.stage, stage.day_offset, stage.template, stage.pauses_for_decision])).toEqual([
        ['friendly_reminder', 1, 'friendly', false],
        ['firm_notice', 15, 'firm', false],
        ['final_demand', 30, 'final', false],
        ['agency_handoff', 60, 'handoff', true],
        ['write_off_proposal', 90, 'final', true],
      ]);

      const clientId = newId('cli');
      const stages = [
        { stage: 'nudge', day_offset: 2, template: 'friendly', channel: 'email', pauses_for_decision: false },
        { stage: 'last_call', day_offset: 9, template: 'final', channel: 'email', pauses_for_decision: true },
      ];
      const put = await injectAs(service.app, 'finance', { method: 'PUT', url: `/v1/clients/${clientId}/dunning-ladder`, payload: { stages } });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toMatchObject({ source: 'client', stages, updated_by: expect.any(String) });
      expect((await injectAs(service.app, 'auditor', { method: 'GET', url: `/v1/clients/${clientId}/dunning-ladder` })).json()).toMatchObject({ source: 'client', stages });

      const removed = await injectAs(service.app, 'admin', { method: 'DELETE', url: `/v1/clients/${clientId}/dunning-ladder` });
      expect(removed.statusCode).toBe(200);
      expect(removed.json().source).not.toBe('client');
      expect((await injectAs(service.app, 'admin', { method: 'DELETE', url: `/v1/clients/${clientId}/dunning-ladder` })).json()).toMatchObject({ code: 'dunning_ladder.not_found' });
    });

    it('refuses a malformed ladder, naming the field and the rule', async () => {
      const clientId = newId('cli');
      const outOfOrder = [
        { stage: 'a', day_offset: 5, template: 'friendly', channel: 'email', pauses_for_decision: false },
        { stage: 'b', day_offset: 5, template: 'firm', channel: 'email', pauses_for_decision: false },
      ];
      const refused = await injectAs(service.app, 'finance', { method: 'PUT', url: `/v1/clients/${clientId}/dunning-ladder`, payload: { stages: outOfOrder } });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'dunning_ladder.invalid' });
      expect(JSON.stringify(refused.json())).toContain('stages[1].day_offset');

      const badTemplate = await injectAs(service.app, 'finance', {
        method: 'PUT',
        url: '/v1/dunning-ladder',
        payload: { stages: [{ stage: 'a', day_offset: 1, template: 'rude', channel: 'sms', pauses_for_decision: 'no' }] },
      });
      expect(badTemplate.statusCode).toBe(400);
      expect(JSON.stringify(badTemplate.json())).toMatch(/template/);
      expect((await injectAs(service.app, { role: 'client', clientId }, { method: 'PUT', url: `/v1/clients/${clientId}/dunning-ladder`, payload: { stages: outOfOrder } })).statusCode).toBe(403);
    });
  });

  it('opens no case for an invoice paid in full before its overdue notice is handled', async () => {
    // given an invoice issued, then paid in full (both consumed before the overdue notice)
    const clientId = newId('cli');
    const contractId = newId('con');
    const invoiceId = newId('inv');
    const dueDate = addDays(today(), -1);
    const issued = anIssued(clientId, contractId, invoiceId, dueDate, 500_000);
    await publisher.publish(issued, contractId, 2);
    await handled(issued.id);
    const payment = aPayment(clientId, contractId, invoiceId, 500_000);
    await publisher.publish(payment, clientId);
    await handled(payment.id);
    // when the overdue notice, sent before the payment, is handled
    const overdue = anOverdue(clientId, contractId, invoiceId, dueDate, 500_000);
    await publisher.publish(overdue, contractId);
    await handled(overdue.id);
    // then no case opens and nothing is announced
    expect(await casesOf(clientId)).toEqual([]);
    expect(reader.about('collections.case_opened', 'client_id', clientId)).toEqual([]);
  });

  it('chases a part-paid invoice for what is left, and a second late invoice with its own letter', async () => {
    const clientId = newId('cli');
    const contractId = newId('con');
    const [first, second] = [newId('inv'), newId('inv')];
    const dueDate = addDays(today(), -1);
    const issued = anIssued(clientId, contractId, first, dueDate, 500_000);
    await publisher.publish(issued, contractId, 2);
    await handled(issued.id);
    const payment = aPayment(clientId, contractId, first, 200_000);
    await publisher.publish(payment, clientId);
    await handled(payment.id);
    await publisher.publish(anOverdue(clientId, contractId, first, dueDate, 500_000), contractId);
    const [opened] = await eventually(() => reader.about('collections.case_opened', 'client_id', clientId), (found) => found.length === 1, 'case_opened');
    expect(opened.envelope.data).toMatchObject({ amount_due_cents: 300_000 });
    await publisher.publish(anOverdue(clientId, contractId, second, dueDate, 90_000, 'INV-2026-000778'), contractId);
    const [joined] = await eventually(() => reader.about('collections.invoice_joined', 'client_id', clientId), (found) => found.length === 1, 'invoice_joined');
    expect(joined.envelope.data).toMatchObject({ invoice_id: second, channel: 'email', template: 'friendly', balances: [{ currency: 'usd', balance_cents: 390_000 }] });
  });

  it('moves a case along its ladder on the test clock with letters; a broken promise escalates one stage', async () => {
    // given a case opened for an invoice due yesterday
    const clientId = newId('cli');
    const contractId = newId('con');
    const invoiceId = newId('inv');
    const dueDate = addDays(today(), -1);
    await publisher.publish(anOverdue(clientId, contractId, invoiceId, dueDate, 772_500), contractId);
    const [opened] = await eventually(() => reader.about('collections.case_opened', 'client_id', clientId), (found) => found.length === 1, 'case_opened');
    const caseId = opened.envelope.data.case_id as string;
    const [open] = await casesOf(clientId);
    expect(open).toMatchObject({ stage: 'friendly_reminder', balances: [{ currency: 'usd', balance_cents: 772_500 }], next_stage_at: `${addDays(dueDate, 15)}T00:00:00.000Z` });

    // when the clock reaches day 15 past the due date
    await travelTo(new Date(`${addDays(dueDate, 15)}T00:00:01Z`));
    // then the case moves to the firm notice, with its letter
    const [firm] = await eventually(() => reader.about('collections.stage_changed', 'client_id', clientId), (found) => found.length === 1, 'the firm notice');
    expect(firm.envelope.data).toMatchObject({
      case_id: caseId,
      stage: 'firm_notice',
      previous_stage: 'friendly_reminder',
      cause: 'ladder',
      template: 'firm',
      channel: 'email',
      balances: [{ currency: 'usd', balance_cents: 772_500 }],
      invoices: [{ invoice_id: invoiceId, amount_due_cents: 772_500, due_date: dueDate, days_late: 15 }],
    });

    // when the client promises to pay 500,000 in two days
    const promisedDate = addDays(dueDate, 17);
    const noKey = await injectAs(service.app, { role: 'client', clientId }, { method: 'POST', url: `/v1/cases/${caseId}/promises`, payload: { promised_date: promisedDate, amount_cents: 500_000, currency: 'usd' } });
    expect(noKey.statusCode).toBe(400);
    const stranger = await injectAs(service.app, { role: 'client', clientId: newId('cli') }, {
      method: 'POST',
      url: `/v1/cases/${caseId}/promises`,
      headers: { 'idempotency-key': newId('key') },
      payload: { promised_date: promisedDate, amount_cents: 500_000, currency: 'usd' },
    });
    expect(stranger.statusCode).toBe(404);
    const tooMuch = await injectAs(service.app, { role: 'client', clientId }, {
      method: 'POST',
      url: `/v1/cases/${caseId}/promises`,
      headers: { 'idempotency-key': newId('key') },
      payload: { promised_date: promisedDate, amount_cents: 772_501, currency: 'usd' },
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json()).toMatchObject({ code: 'promise.invalid' });
    const promised = await injectAs(service.app, { role: 'client', clientId }, {
      method: 'POST',
      url: `/v1/cases/${caseId}/promises`,
      headers: { 'idempotency-key': newId('key') },
      payload: { promised_date: promisedDate, amount_cents: 500_000, currency: 'usd' },
    });
    expect(promised.statusCode).toBe(201);
    expect(promised.json()).toMatchObject({ holds: [{ kind: 'promise', until: promisedDate }], promises: [{ status: 'pending', amount_cents: 500_000 }], next_stage_at: null });
    await eventually(() => reader.about('collections.promise_recorded', 'client_id', clientId), (found) => found.length === 1, 'promise_recorded');

    // and pays only 100,000 before the promised day ends
    const payment = aPayment(clientId, contractId, invoiceId, 100_000);
    await publisher.publish(payment, clientId);
    await handled(payment.id);
    await travelTo(new Date(`${addDays(promisedDate, 1)}T00:00:01Z`));

    // then the promise is broken and the case escalates one stage, to the final demand, with its letter
    const [broken] = await eventually(() => reader.about('collections.promise_broken', 'client_id', clientId), (found) => found.length === 1, 'promise_broken');
    expect(broken.envelope.data).toMatchObject({ case_id: caseId, paid_cents: 100_000, amount_cents: 500_000, stage: 'final_demand' });
    const changes = await eventually(() => reader.about('collections.stage_changed', 'client_id', clientId), (found) => found.length === 2, 'the escalation');
    expect(changes[1].envelope.data).toMatchObject({ stage: 'final_demand', previous_stage: 'firm_notice', cause: 'broken_promise', template: 'final', channel: 'email', balances: [{ currency: 'usd', balance_cents: 672_500 }] });
    const [after] = await casesOf(clientId);
    expect(after).toMatchObject({ stage: 'final_demand', holds: [], promises: [{ status: 'broken', paid_cents: 100_000 }] });
  });
});
