import { addDays } from '@mb/kernel';
import { type BillingApiClient, waitFor } from '@mb/devstack';
import { e2ePort, readEvents, testToken, uniqueName } from '@mb/testing';
import { type CaughtMail, type FiveServices, startFiveServices } from './five-services';

// Issue 11 item 5, across the five services started from their build and a real SMTP server: an
// overdue invoice opens a case, finance agrees a plan of three instalments with the client, the
// schedule is emailed as a PDF fetched from collections, one instalment is paid through invoicing,
// the next is missed past its grace period on the test clock, and the plan breaks.

// Apart from the other suites' ports (4101–4730); MB_E2E_PORT_OFFSET moves them all.
const FIRST_PORT = e2ePort(4801);
const FIRST_GRPC_PORT = e2ePort(4811);
const SMTP_PORT = e2ePort(4825);
const MAIL_VIEW_PORT = e2ePort(4826);

/** Each look at a topic joins a new consumer group, and timers fire on a loaded machine: events are given two minutes. */
const PATIENCE = 120_000;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let stack: FiveServices;
let api: BillingApiClient;
let asFinance: BillingApiClient;
let asAdmin: BillingApiClient;

const mailbox = (): Promise<CaughtMail[]> => stack.mailbox();

beforeAll(async () => {
  stack = await startFiveServices({ firstPort: FIRST_PORT, firstGrpcPort: FIRST_GRPC_PORT, smtpPort: SMTP_PORT, mailViewPort: MAIL_VIEW_PORT });
  ({ api, asFinance, asAdmin } = stack);
});

afterAll(async () => {
  await stack?.stop();
});

describe('a payment plan for an overdue balance', () => {
  const apEmail = `${uniqueName('ap')}@umbrella.example`;
  let clientId: string;
  let invoice: Json;
  let caseId: string;
  let plan: Json;
  let asClient: BillingApiClient;
  const mailsTo = async () => (await mailbox()).filter((mail) => mail.to.includes(apEmail));

  it('1. opens a case when the deposit invoice goes overdue', async () => {
    clientId = (await api.expect<Json>(201, 'contract', 'POST', '/v1/clients', { name: 'Umbrella Corp', ap_contact_email: apEmail })).id;
    asClient = api.as(await testToken({ role: 'client', clientId }));
    const contract = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
      client_id: clientId,
      title: 'Umbrella lab portal',
      currency: 'usd',
      total_value_cents: 1_000_000,
      net_days: 15,
      milestones: [
        { title: 'Deposit', acceptance_criteria: 'Contract countersigned', amount_bps: 5000, billing_trigger: 'on_signing' },
        { title: 'Launch', acceptance_criteria: 'Portal live for a week', amount_bps: 5000, billing_trigger: 'on_approval', approval_window_days: 5 },
      ],
    });
    await api.expect(200, 'contract', 'POST', `/v1/contracts/${contract.id}/activate`);
    [invoice] = await waitFor(
      async () => (await api.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/invoices?contract_id=${contract.id}`)).data,
      (list) => list.some((candidate) => candidate.status === 'open'),
      'the deposit invoice',
      // the first event through freshly started consumer groups may wait on their rebalance
      90_000,
    );
    expect(invoice.amount_due_cents).toBe(500_000);

    await asAdmin.travelTo(new Date(`${addDays(invoice.due_date, 1)}T09:00:00Z`));
    const [opened] = await waitFor(
      async () => (await api.expect<{ data: Json[] }>(200, 'collections', 'GET', `/v1/cases?client_id=${clientId}`)).data,
      (list) => list.some((item) => item.status === 'open'),
      'the collections case',
      90_000,
    );
    caseId = opened.id;
  });

  it('2. agrees a plan of three monthly instalments, exact to the cent, and emails the schedule as a PDF', async () => {
    const firstDueDate = addDays(invoice.due_date, 8);
    plan = await asFinance.expect<Json>(
      201,
      'collections',
      'POST',
      `/v1/cases/${caseId}/payment-plans`,
      { currency: 'usd', instalments: { count: 3, first_due_date: firstDueDate, cadence: 'monthly' } },
      { 'idempotency-key': uniqueName('plan') },
    );
    expect(plan.instalments.map((instalment: Json) => instalment.amount_cents)).toEqual([166_667, 166_667, 166_666]);
    expect(plan.instalments[0].due_date).toBe(firstDueDate);

    const [agreed] = await waitFor(() => readEvents('collections.payment_plan_agreed', (data) => data.payment_plan_id === plan.id), (found) => found.length === 1, 'payment_plan_agreed', PATIENCE);
    expect(agreed.data).toMatchObject({ case_id: caseId, client_id: clientId, total_cents: 500_000, currency: 'usd' });

    // the client reads the plan and its schedule; the AP contact is emailed it with the PDF attached
    expect((await asClient.expect<Json>(200, 'collections', 'GET', `/v1/payment-plans/${plan.id}`)).status).toBe('agreed');
    const mails = await waitFor(mailsTo, (all) => all.some((mail) => mail.subject.startsWith('Your payment plan')), 'the payment plan email', PATIENCE);
    const [agreement] = mails.filter((mail) => mail.subject.startsWith('Your payment plan'));
    expect(agreement.text).toContain(`Instalment 1: 1,666.67 USD due ${firstDueDate}`);
    expect(agreement.attachments).toEqual([{ filename: `payment-plan-${plan.id}.pdf`, contentType: 'application/pdf', size: expect.any(Number), firstBytes: expect.stringMatching(/^%PDF-/) }]);
  });

  it('3. matches a payment recorded in invoicing to the first instalment', async () => {
    await asFinance.expect(201, 'invoicing', 'POST', '/v1/payments', { invoice_id: invoice.id, amount_cents: 166_667, currency: 'usd' }, { 'idempotency-key': uniqueName('payment') });
    const [paid] = await waitFor(() => readEvents('collections.instalment_paid', (data) => data.payment_plan_id === plan.id), (found) => found.length === 1, 'instalment_paid', PATIENCE);
    expect(paid.data).toMatchObject({ instalment_index: 1, amount_cents: 166_667 });
    const read = await api.expect<Json>(200, 'collections', 'GET', `/v1/payment-plans/${plan.id}`);
    expect(read).toMatchObject({ status: 'agreed', paid_cents: 166_667 });
  });

  it('4. reminds before the second instalment and breaks the plan when it is missed past its grace period', async () => {
    // the reminder day of the second instalment, then the end of its grace period: a jump over both
    // would fire their timers in either order, and a plan broken first needs no reminder
    const second = plan.instalments[1];
    await asAdmin.travelTo(new Date(`${addDays(second.due_date, -plan.reminder_days_before)}T09:00:00Z`));
    const [reminder] = await waitFor(() => readEvents('collections.instalment_due_soon', (data) => data.payment_plan_id === plan.id), (found) => found.length === 1, 'instalment_due_soon', PATIENCE);
    expect(reminder.data).toMatchObject({ instalment_index: 2, due_date: second.due_date, amount_outstanding_cents: 166_667 });

    await asAdmin.travelTo(new Date(`${addDays(second.due_date, plan.grace_days + 1)}T09:00:00Z`));
    const [broken] = await waitFor(() => readEvents('collections.payment_plan_broken', (data) => data.payment_plan_id === plan.id), (found) => found.length === 1, 'payment_plan_broken', PATIENCE);
    expect(broken.data).toMatchObject({
      case_id: caseId,
      paid_cents: 166_667,
      outstanding_cents: 333_333,
      missed_instalment: { instalment_index: 2, due_date: second.due_date, amount_cents: 166_667, unpaid_cents: 166_667 },
    });
    expect((await api.expect<Json>(200, 'collections', 'GET', `/v1/payment-plans/${plan.id}`)).status).toBe('broken');

    // and the AP contact was reminded, then told the plan ended
    const mails = await waitFor(mailsTo, (all) => all.some((mail) => mail.subject.startsWith('Payment plan ended')), 'the plan broken email', PATIENCE);
    expect(mails.filter((mail) => mail.subject === `Payment plan: 1,666.67 USD due ${second.due_date}`)).toHaveLength(1);
    expect(mails.find((mail) => mail.subject.startsWith('Payment plan ended'))?.subject).toBe('Payment plan ended: 3,333.33 USD now due');
  });
});

