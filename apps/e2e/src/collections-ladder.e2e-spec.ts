import { addDays, calendarDateIn } from '@mb/kernel';
import { type BillingApiClient, waitFor } from '@mb/devstack';
import { e2ePort, testToken, uniqueName } from '@mb/testing';
import { type CaughtMail, type FiveServices, startFiveServices } from './five-services';

// Issue 11, items 2 and 4 ("a ladder that moves", "promises to pay"): the five services started
// from their build, one client's invoice falls overdue as the test clocks move, its case climbs
// the ladder with a letter per stage, a promise to pay is broken and the case escalates; a second
// client pays before its due date and is never chased. Every email is read from the SMTP sink.

// Apart from the other suites' ports (4101–4115, 4201–4230, 4301–4315, 4401–4425, 4701–4715).
const FIRST_PORT = e2ePort(4601);
const FIRST_GRPC_PORT = e2ePort(4611);
const SMTP_PORT = e2ePort(4625);
const MAIL_VIEW_PORT = e2ePort(4626);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let stack: FiveServices;
let api: BillingApiClient;
let asFinance: BillingApiClient;
let asAdmin: BillingApiClient;

const mailbox = (): Promise<CaughtMail[]> => stack.mailbox();
const mailsTo = async (address: string) => (await mailbox()).filter((mail) => mail.to.includes(address));

beforeAll(async () => {
  stack = await startFiveServices({ firstPort: FIRST_PORT, firstGrpcPort: FIRST_GRPC_PORT, smtpPort: SMTP_PORT, mailViewPort: MAIL_VIEW_PORT });
  ({ api, asFinance, asAdmin } = stack);
});

afterAll(async () => {
  await stack?.stop();
});

describe('a collections case climbing its dunning ladder', () => {
  const late = { apEmail: `${uniqueName('ap')}@late.example`, clientId: '', invoice: {} as Json };
  const prompt = { apEmail: `${uniqueName('ap')}@prompt.example`, clientId: '', invoice: {} as Json };
  let asLateClient: BillingApiClient;
  let caseId: string;

  /** A client whose deposit (on signing, net 10) is invoiced at once. */
  async function aClientInvoiced(who: typeof late, name: string): Promise<void> {
    who.clientId = (await api.expect<Json>(201, 'contract', 'POST', '/v1/clients', { name, ap_contact_email: who.apEmail })).id;
    const contract = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
      client_id: who.clientId,
      title: `${name} portal`,
      currency: 'usd',
      total_value_cents: 1_000_000,
      net_days: 10,
      milestones: ['Deposit', 'Launch'].map((title, index) => ({
        title,
        acceptance_criteria: `${title} accepted`,
        amount_bps: 5000,
        billing_trigger: index === 0 ? 'on_signing' : 'on_approval',
        approval_window_days: 5,
      })),
    });
    await api.expect(200, 'contract', 'POST', `/v1/contracts/${contract.id}/activate`);
    const invoices = await waitFor(
      async () => (await api.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/invoices?contract_id=${contract.id}`)).data,
      (list) => list.some((invoice) => invoice.status === 'open'),
      `${name}'s deposit invoiced`,
    );
    who.invoice = invoices.find((invoice) => invoice.status === 'open') as Json;
  }

  const casesOf = async (clientId: string) => (await api.expect<{ data: Json[] }>(200, 'collections', 'GET', `/v1/cases?client_id=${clientId}`)).data;

  it('1. invoices two clients; the second pays before its due date', async () => {
    await aClientInvoiced(late, 'Latecomer');
    await aClientInvoiced(prompt, 'Prompt');
    asLateClient = api.as(await testToken({ role: 'client', clientId: late.clientId }));
    await asFinance.expect(201, 'invoicing', 'POST', '/v1/payments', { invoice_id: prompt.invoice.id, amount_cents: prompt.invoice.amount_due_cents, currency: 'usd' }, { 'idempotency-key': uniqueName('payment') });
    expect(late.invoice.due_date).toBe(prompt.invoice.due_date);
  });

  it('2. opens a case for the late client the day after the due date, with the friendly reminder; none for the one who paid', async () => {
    await asAdmin.travelTo(new Date(`${addDays(late.invoice.due_date, 1)}T09:00:00Z`));
    const [opened] = await waitFor(() => casesOf(late.clientId), (list) => list.length === 1, 'the case');
    caseId = opened.id;
    expect(opened).toMatchObject({ status: 'open', stage: 'friendly_reminder', balances: [{ currency: 'usd', balance_cents: late.invoice.amount_due_cents }] });
    await waitFor(() => mailsTo(late.apEmail), (mails) => mails.some((mail) => mail.subject.startsWith('Reminder:')), 'the friendly reminder');
    expect(await casesOf(prompt.clientId)).toEqual([]);
  });

  it('3. moves to the firm notice on day 15 with its letter', async () => {
    await asAdmin.travelTo(new Date(`${addDays(late.invoice.due_date, 15)}T09:00:00Z`));
    await waitFor(async () => (await casesOf(late.clientId))[0], (found) => found.stage === 'firm_notice', 'the firm notice');
    const mails = await waitFor(() => mailsTo(late.apEmail), (all) => all.some((mail) => mail.subject.startsWith('Payment overdue')), 'the firm letter');
    const firm = mails.find((mail) => mail.subject.startsWith('Payment overdue')) as CaughtMail;
    expect(firm.text).toContain(`Invoice ${late.invoice.number}`);
    expect(firm.text).toContain('(15 days late)');
  });

  it('4. records a promise to pay, confirmed by email; the ladder waits', async () => {
    const promisedDate = addDays(late.invoice.due_date, 17);
    const held = await asLateClient.expect<Json>(201, 'collections', 'POST', `/v1/cases/${caseId}/promises`, { promised_date: promisedDate, amount_cents: 100_000, currency: 'usd' }, { 'idempotency-key': uniqueName('promise') });
    expect(held).toMatchObject({ holds: [{ kind: 'promise', until: promisedDate }], next_stage_at: null });
    await waitFor(() => mailsTo(late.apEmail), (all) => all.some((mail) => mail.subject.startsWith('Promise to pay confirmed')), 'the promise confirmation');
  });

  it('5. a broken promise escalates one stage, to the final demand, with its letter; the prompt client got no dunning letter', async () => {
    await asAdmin.travelTo(new Date(`${addDays(late.invoice.due_date, 18)}T09:00:00Z`));
    const after = await waitFor(async () => (await casesOf(late.clientId))[0], (found) => found.stage === 'final_demand', 'the escalation');
    expect(after).toMatchObject({ holds: [], promises: [{ status: 'broken', paid_cents: 0 }] });
    const mails = await waitFor(() => mailsTo(late.apEmail), (all) => all.some((mail) => mail.subject.startsWith('Final notice')), 'the final demand');
    expect(mails.find((mail) => mail.subject.startsWith('Final notice'))?.text).toContain('The payment you promised did not arrive by the agreed date.');
    const promptMails = await mailsTo(prompt.apEmail);
    expect(promptMails.filter((mail) => /Reminder:|Payment overdue|Final notice/.test(mail.subject))).toEqual([]);
    expect(calendarDateIn(new Date(after.stage_entered_at), 'UTC')).toBe(addDays(late.invoice.due_date, 18));
  });
});
