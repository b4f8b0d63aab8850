import { addDays } from '@mb/kernel';
import { type BillingApiClient, waitFor } from '@mb/devstack';
import { e2ePort, uniqueName } from '@mb/testing';
import { type CaughtMail, type FiveServices, startFiveServices } from './five-services';

// Issue 11 item 1, done when "reminders before, on and after" the due date reach the client: the
// five services started from their build with a real SMTP server process, the test clock moved on
// every service. One invoice is reminded three days before its due date, on it and a week after,
// at 09:00 in the client's zone (Berlin); a second invoice, paid before its due date, gets nothing
// after its payment.

// Apart from the foundation test (41xx), the journey (42xx), billing holds (43xx), the
// authorization walk (44xx) and retainage (47xx); MB_E2E_PORT_OFFSET moves them all.
const FIRST_PORT = e2ePort(4801);
const FIRST_GRPC_PORT = e2ePort(4811);
const SMTP_PORT = e2ePort(4825);
const MAIL_VIEW_PORT = e2ePort(4826);

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

describe('payment reminders for every invoice', () => {
  const apEmail = `${uniqueName('ap')}@initrode.example`;
  let clientId: string;
  let reminded: Json;
  let paidEarly: Json;

  // The payment reminders' subjects (the collections case's letter, "Reminder: invoice … is N days overdue", is not one)
  const isPaymentReminder = (subject: string) => /^(Reminder: invoice \S+ \(.*\) is due on |Invoice \S+ \(.*\) is due today$|Overdue: invoice )/.test(subject);
  const remindersOf = async (invoice: Json) => (await mailbox()).filter((mail) => mail.to.includes(apEmail) && mail.subject.includes(invoice.number) && isPaymentReminder(mail.subject));
  /** A contract of one milestone billed on signing, net-15: its invoice is issued at activation. */
  const anInvoiceBilledOnSigning = async (title: string, totalCents: number): Promise<Json> => {
    const contract = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
      client_id: clientId,
      title,
      currency: 'eur',
      total_value_cents: totalCents,
      net_days: 15,
      milestones: [{ title: 'Deposit', acceptance_criteria: 'Contract signed', amount_bps: 10_000, billing_trigger: 'on_signing', approval_window_days: 5 }],
    });
    await api.expect(200, 'contract', 'POST', `/v1/contracts/${contract.id}/activate`);
    const [invoice] = await waitFor(
      async () => (await api.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/invoices?contract_id=${contract.id}`)).data,
      (invoices) => invoices[0]?.status === 'open',
      `the invoice of ${title}`,
    );
    return invoice;
  };
  /** 09:00 in Berlin on a December date (UTC+1). */
  const nineInBerlin = (date: string) => new Date(`${date}T08:00:30Z`);

  it('1. issues two invoices to a Berlin client, due in 15 days, and takes payment of the second before its due date', async () => {
    clientId = (await api.expect<Json>(201, 'contract', 'POST', '/v1/clients', { name: 'Initrode', ap_contact_email: apEmail, time_zone: 'Europe/Berlin' })).id;
    reminded = await anInvoiceBilledOnSigning('Initrode intranet', 1_200_000);
    paidEarly = await anInvoiceBilledOnSigning('Initrode mobile app', 400_000);
    expect(reminded.due_date).toBe(addDays(reminded.issue_date, 15));
    await waitFor(mailbox, (all) => [reminded, paidEarly].every((invoice) => all.some((mail) => mail.to.includes(apEmail) && mail.subject.includes(invoice.number))), 'both invoice emails');

    // finance reads the policy that applies: the default
    expect(await asFinance.expect<Json>(200, 'invoicing', 'GET', `/v1/clients/${clientId}/reminder-policy`)).toMatchObject({ source: 'default', before_due_days: 3, on_due: true, after_due_days: [7] });

    // the second invoice is paid in full, and a part of the first
    for (const [invoice, amountCents] of [[paidEarly, 400_000], [reminded, 200_000]] as const) {
      await asFinance.expect(201, 'invoicing', 'POST', '/v1/payments', { invoice_id: invoice.id, amount_cents: amountCents, currency: 'eur' }, { 'idempotency-key': uniqueName('payment') });
    }
  });

  it('2. reminds the client of the open invoice three days before its due date at 09:00 in Berlin, with the balance and how to pay', async () => {
    await asAdmin.travelTo(nineInBerlin(addDays(reminded.due_date, -3)));
    const [before] = await waitFor(() => remindersOf(reminded), (found) => found.length >= 1, 'the reminder before the due date');
    expect(before.subject).toBe(`Reminder: invoice ${reminded.number} (10,000.00 EUR) is due on ${reminded.due_date}`);
    expect(before.text).toContain('Dear Initrode');
    expect(before.text).toContain('in 3 days');
    expect(before.text).toContain('Amount due:     10,000.00 EUR');
    expect(before.text).toContain(`Reference:    ${reminded.number}`);
    expect(before.attachments.map((attachment) => attachment.contentType)).toEqual(['application/pdf']);
  });

  it('3. reminds it on the due date, then a week after it, firmer, with the days late', async () => {
    await asAdmin.travelTo(nineInBerlin(reminded.due_date));
    await waitFor(() => remindersOf(reminded), (found) => found.length >= 2, 'the reminder on the due date');
    await asAdmin.travelTo(nineInBerlin(addDays(reminded.due_date, 7)));
    const reminders = await waitFor(() => remindersOf(reminded), (found) => found.length >= 3, 'the reminder after the due date');
    expect(reminders.map((mail) => mail.subject)).toEqual([
      `Reminder: invoice ${reminded.number} (10,000.00 EUR) is due on ${reminded.due_date}`,
      `Invoice ${reminded.number} (10,000.00 EUR) is due today`,
      `Overdue: invoice ${reminded.number} (10,000.00 EUR) is 7 days late`,
    ]);
    expect(reminders[2].text).toContain('Days late:      7');
  });

  it('4. sends nothing for the invoice paid before its due date', async () => {
    // the reminders of both invoices fell due at the same instants: the open one's are all in, so
    // any of the paid one's would have been sent by now
    expect(await remindersOf(paidEarly)).toEqual([]);
  });
});
