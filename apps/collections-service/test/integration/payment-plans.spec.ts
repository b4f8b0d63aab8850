import { aValidEvent, EventData } from '@mb/events';
import { addDays, calendarDateIn, newEventId, newId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { injectAs, testAuthEnvironment, testServiceEnvironment, uniqueName } from '@mb/testing';
import { collectionsServiceDefinition } from '../../src/collections-service.definition';
import { eventually, EventPublisher, TopicReader, testKafka, textOfPdf } from './collections-test-kit';

const PLAN_EVENTS = [
  'collections.payment_plan_agreed',
  'collections.instalment_due_soon',
  'collections.instalment_paid',
  'collections.payment_plan_broken',
  'collections.payment_plan_completed',
] as const;

describe('collections-service payment plans', () => {
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
    reader = await TopicReader.start(kafka, [...PLAN_EVENTS]);
  });

  afterAll(async () => {
    await reader?.close();
    await publisher?.close();
    await service?.close();
  });

  /** The service's business time now. */
  async function serviceNow(): Promise<Date> {
    return service.runtime.clock.now();
  }

  async function travelTo(instant: Date): Promise<void> {
    const response = await injectAs(service.app, 'admin', { method: 'PUT', url: '/v1/test-clock', payload: { now: instant.toISOString() } });
    expect(response.statusCode).toBe(200);
  }

  async function anOpenCase(invoices: { invoiceId: string; number: string; amountCents: number; currency?: string }[]) {
    const clientId = newId('cli');
    const contractId = newId('con');
    for (const invoice of invoices) {
      const data: Partial<EventData<'invoice.overdue'>> = {
        client_id: clientId,
        contract_id: contractId,
        invoice_id: invoice.invoiceId,
        invoice_number: invoice.number,
        amount_due_cents: invoice.amountCents,
        currency: invoice.currency ?? 'usd',
        days_overdue: 2,
      };
      await publisher.publish(aValidEvent('invoice.overdue', { id: newEventId(), data }), contractId);
    }
    const cases = await eventually(
      async () => (await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/cases?client_id=${clientId}` })).json().data,
      (found: { id: string; invoices: unknown[] }[]) => found[0]?.invoices.length === invoices.length,
      'the case with its invoices',
    );
    return { clientId, contractId, caseId: cases[0].id as string };
  }

  function agree(caseId: string, body: Record<string, unknown>, key = uniqueName('plan')) {
    return injectAs(service.app, 'finance', { method: 'POST', url: `/v1/cases/${caseId}/payment-plans`, payload: body, headers: { 'idempotency-key': key } });
  }

  function aPayment(clientId: string, contractId: string, invoiceId: string, amountCents: number) {
    return aValidEvent('payment.recorded', {
      id: newEventId(),
      data: {
        payment_id: newId('pay'),
        client_id: clientId,
        amount_cents: amountCents,
        allocations: [{ invoice_id: invoiceId, invoice_number: 'INV-2026-000001', contract_id: contractId, amount_cents: amountCents }],
        unapplied_cents: 0,
      },
    });
  }

  it('agrees a plan with a down payment and three monthly instalments, matches payments to it, reminds, and breaks it when an instalment is missed', async () => {
    // given an open case with two overdue USD invoices of 100,000 and 50,000 and one EUR invoice
    const [first, second, euro] = [newId('inv'), newId('inv'), newId('inv')];
    const { clientId, contractId, caseId } = await anOpenCase([
      { invoiceId: first, number: 'INV-2026-000701', amountCents: 100_000 },
      { invoiceId: second, number: 'INV-2026-000702', amountCents: 50_000 },
      { invoiceId: euro, number: 'INV-2026-000703', amountCents: 9_999, currency: 'eur' },
    ]);
    const now = await serviceNow();
    const today = calendarDateIn(now, 'UTC');

    // when finance agrees a USD plan: 10,000 down in 2 days, then 3 monthly instalments from 10 days on
    const response = await agree(caseId, {
      currency: 'usd',
      down_payment: { amount_cents: 10_000, due_date: addDays(today, 2) },
      instalments: { count: 3, first_due_date: addDays(today, 10), cadence: 'monthly' },
    });

    // then the plan splits the 150,000 USD (never the EUR) exactly: 140,000 over 3 by largest remainder
    expect(response.statusCode).toBe(201);
    const plan = response.json();
    expect(plan).toMatchObject({ case_id: caseId, client_id: clientId, status: 'agreed', currency: 'usd', total_cents: 150_000, grace_days: 5, reminder_days_before: 3, time_zone: 'UTC' });
    expect(plan.instalments.map((instalment: { instalment_index: number; amount_cents: number }) => [instalment.instalment_index, instalment.amount_cents])).toEqual([
      [0, 10_000],
      [1, 46_667],
      [2, 46_667],
      [3, 46_666],
    ]);
    expect(plan.invoices.map((invoice: { invoice_id: string }) => invoice.invoice_id)).toEqual([first, second]);

    // and collections.payment_plan_agreed is published, keyed by the client
    const [agreed] = await eventually(() => reader.about('collections.payment_plan_agreed', 'payment_plan_id', plan.id), (found) => found.length === 1, 'payment_plan_agreed');
    expect(agreed.key).toBe(clientId);
    expect(agreed.envelope.data).toMatchObject({ case_id: caseId, total_cents: 150_000, down_payment_cents: 10_000, grace_days: 5 });
    expect(agreed.envelope.data.instalments).toHaveLength(4);

    // and it is listed on the case, readable by the client, and its schedule is served as a PDF
    const listed = await injectAs(service.app, { role: 'client', clientId }, { method: 'GET', url: `/v1/cases/${caseId}/payment-plans` });
    expect(listed.json().data.map((listedPlan: { id: string }) => listedPlan.id)).toEqual([plan.id]);
    const pdf = await injectAs(service.app, { role: 'client', clientId }, { method: 'GET', url: `/v1/payment-plans/${plan.id}/schedule.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const shown = textOfPdf(pdf.rawPayload);
    expect(shown).toContain('Payment plan schedule');
    expect(shown).toContain('Down payment: 100.00 USD');
    expect(shown).toContain(`Instalment 3: 466.66 USD due ${plan.instalments[3].due_date}`);
    expect(shown).toContain('INV-2026-000702: 500.00 USD');
    const stranger = await injectAs(service.app, { role: 'client', clientId: newId('cli') }, { method: 'GET', url: `/v1/payment-plans/${plan.id}` });
    expect(stranger.statusCode).toBe(404);

    // when the client pays 56,667 to the first invoice: the down payment and the first instalment
    await publisher.publish(aPayment(clientId, contractId, first, 56_667), clientId);

    // then both are paid, in date order
    const paid = await eventually(() => reader.about('collections.instalment_paid', 'payment_plan_id', plan.id), (found) => found.length === 2, 'two instalments paid');
    expect(paid.map((event) => event.envelope.data.instalment_index)).toEqual([0, 1]);

    // when business time reaches the reminder day of the second instalment (3 days before it)
    const secondDue = plan.instalments[2].due_date as string;
    await travelTo(new Date(`${addDays(secondDue, -3)}T00:00:01Z`));

    // then the client is reminded of it
    const [reminder] = await eventually(() => reader.about('collections.instalment_due_soon', 'payment_plan_id', plan.id), (found) => found.length >= 1, 'instalment_due_soon');
    expect(reminder.envelope.data).toMatchObject({ instalment_index: 2, due_date: secondDue, days_until_due: 3, amount_outstanding_cents: 46_667, currency: 'usd' });

    // when it is still unpaid when its 5 days of grace end
    await travelTo(new Date(`${addDays(secondDue, 6)}T00:00:01Z`));

    // then the plan breaks, naming the missed instalment and what is left
    const [broken] = await eventually(() => reader.about('collections.payment_plan_broken', 'payment_plan_id', plan.id), (found) => found.length === 1, 'payment_plan_broken');
    expect(broken.envelope.data).toMatchObject({
      case_id: caseId,
      paid_cents: 56_667,
      outstanding_cents: 93_333,
      missed_instalment: { instalment_index: 2, due_date: secondDue, amount_cents: 46_667, unpaid_cents: 46_667 },
    });
    const after = await injectAs(service.app, 'auditor', { method: 'GET', url: `/v1/payment-plans/${plan.id}` });
    expect(after.json()).toMatchObject({ status: 'broken', paid_cents: 56_667 });

    // and a new plan may then be agreed for what is left
    const again = await agree(caseId, { currency: 'usd', instalments: { dates: [addDays(secondDue, 10), addDays(secondDue, 20)] } });
    expect(again.statusCode).toBe(201);
  });

  it('completes a plan when its last instalment is paid', async () => {
    const invoiceId = newId('inv');
    const { clientId, contractId, caseId } = await anOpenCase([{ invoiceId, number: 'INV-2026-000801', amountCents: 1_001 }]);
    const today = calendarDateIn(await serviceNow(), 'UTC');
    const plan = (await agree(caseId, { currency: 'usd', instalments: { dates: [addDays(today, 5), addDays(today, 12)], amounts_cents: [1_000, 1] } })).json();
    expect(plan.instalments.map((instalment: { amount_cents: number }) => instalment.amount_cents)).toEqual([1_000, 1]);
    await publisher.publish(aPayment(clientId, contractId, invoiceId, 1_001), clientId);
    const [completed] = await eventually(() => reader.about('collections.payment_plan_completed', 'payment_plan_id', plan.id), (found) => found.length === 1, 'payment_plan_completed');
    expect(completed.envelope.data).toMatchObject({ case_id: caseId, total_cents: 1_001, currency: 'usd' });
  });

  it('refuses what a plan cannot be, naming the field and the rule', async () => {
    const invoiceId = newId('inv');
    const { caseId } = await anOpenCase([{ invoiceId, number: 'INV-2026-000901', amountCents: 90_000 }]);
    const today = calendarDateIn(await serviceNow(), 'UTC');
    const dates = [addDays(today, 5), addDays(today, 12)];

    const noKey = await injectAs(service.app, 'finance', { method: 'POST', url: `/v1/cases/${caseId}/payment-plans`, payload: { currency: 'usd', instalments: { dates } } });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().code).toBe('idempotency_key.missing');

    const mismatch = await agree(caseId, { currency: 'usd', instalments: { dates, amounts_cents: [50_000, 30_000] } });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json()).toMatchObject({ code: 'payment_plan.amounts_mismatch', errors: [{ field: 'instalments.amounts_cents', rule: 'payment_plan.amounts_mismatch' }] });

    const tooMany = await agree(caseId, { currency: 'usd', instalments: { count: 37, first_due_date: dates[0], cadence: 'weekly' } });
    expect(tooMany.statusCode).toBe(400);

    const noBalance = await agree(caseId, { currency: 'eur', instalments: { dates } });
    expect(noBalance.statusCode).toBe(409);
    expect(noBalance.json()).toMatchObject({ code: 'payment_plan.no_balance', errors: [{ field: 'currency' }] });

    expect((await agree(caseId, { currency: 'usd', instalments: { dates } })).statusCode).toBe(201);
    const second = await agree(caseId, { currency: 'usd', instalments: { dates } });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('payment_plan.already_active');

    const byProjectManager = await injectAs(service.app, 'project_manager', {
      method: 'POST',
      url: `/v1/cases/${caseId}/payment-plans`,
      payload: { currency: 'usd', instalments: { dates } },
      headers: { 'idempotency-key': uniqueName('plan') },
    });
    expect(byProjectManager.statusCode).toBe(403);
  });
});
