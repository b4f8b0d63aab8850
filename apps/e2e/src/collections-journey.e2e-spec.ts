import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { addDays } from '@mb/kernel';
import { type BillingApiClient, waitFor } from '@mb/devstack';
import { e2ePort, readEvents, testToken, uniqueName } from '@mb/testing';
import { type CaughtMail, type FiveServices, startFiveServices } from './five-services';

// Issue 11, "done when": one client run through collections end to end, the five services started
// from their build with a real SMTP server, the test clock moved on every service. Two invoices are
// issued → reminded before, on and after their due date → a case opens → the ladder climbs with a
// letter per stage → a dispute on one invoice pauses only that one → a promise to pay is broken →
// a plan of 3 instalments is agreed, one paid, one missed past its grace → the plan breaks → the
// case is handed to an agency with a case file whose manifest digests verify → the agency's
// recovery is recorded (a payment in invoicing, the fee apart) → the rest is written off → the case
// closes as written off. Every email the client gets is read from the sink, every event from Kafka.

// Apart from the other suites' ports (4101–4861); MB_E2E_PORT_OFFSET moves them all.
const FIRST_PORT = e2ePort(4901);
const FIRST_GRPC_PORT = e2ePort(4911);
const SMTP_PORT = e2ePort(4925);
const MAIL_VIEW_PORT = e2ePort(4926);

// Consumer groups joining on a loaded machine may take a while before the first event goes through.
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

describe('one client through collections, from invoice to write-off', () => {
  const apEmail = `${uniqueName('ap')}@globex.example`;
  let clientId: string;
  let asClient: BillingApiClient;
  /** The invoice chased all along, and the one disputed for a while. */
  let chased: Json;
  let disputed: Json;
  let dueDate: string;
  let caseId: string;
  let plan: Json;
  let disputeId: string;

  const mails = async () => (await mailbox()).filter((mail) => mail.to.includes(apEmail));
  const subjects = async () => (await mails()).map((mail) => mail.subject);
  const mailStartingWith = (prefix: string, what: string) =>
    waitFor(mails, (all) => all.some((mail) => mail.subject.startsWith(prefix)), what, PATIENCE).then((all) => all.filter((mail) => mail.subject.startsWith(prefix)));
  const theCase = () => api.expect<Json>(200, 'collections', 'GET', `/v1/cases/${caseId}`);
  const invoiceNow = (invoice: Json) => api.expect<Json>(200, 'invoicing', 'GET', `/v1/invoices/${invoice.id}`);
  const nineAm = (date: string) => new Date(`${date}T09:00:30Z`);
  const ofClient = (data: Json) => data.client_id === clientId;

  /** A contract of one milestone billed on signing, net-15: its invoice is issued at activation. */
  const anInvoiceBilledOnSigning = async (title: string, totalCents: number): Promise<Json> => {
    const contract = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
      client_id: clientId,
      title,
      currency: 'usd',
      total_value_cents: totalCents,
      net_days: 15,
      milestones: [{ title: 'Deposit', acceptance_criteria: 'Contract signed', amount_bps: 10_000, billing_trigger: 'on_signing', approval_window_days: 5 }],
    });
    await api.expect(200, 'contract', 'POST', `/v1/contracts/${contract.id}/activate`);
    const [invoice] = await waitFor(
      async () => (await api.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/invoices?contract_id=${contract.id}`)).data,
      (invoices) => invoices[0]?.status === 'open',
      `the invoice of ${title}`,
      PATIENCE,
    );
    return invoice;
  };

  it('1. issues two invoices to the client, due in 15 days, each emailed with its PDF', async () => {
    clientId = (await api.expect<Json>(201, 'contract', 'POST', '/v1/clients', { name: 'Globex', ap_contact_email: apEmail, time_zone: 'UTC' })).id;
    asClient = api.as(await testToken({ role: 'client', clientId }));
    chased = await anInvoiceBilledOnSigning('Globex warehouse system', 600_000);
    disputed = await anInvoiceBilledOnSigning('Globex dashboards', 400_000);
    expect(chased.due_date).toBe(disputed.due_date);
    dueDate = chased.due_date;
    const issued = await waitFor(mails, (all) => all.length >= 2, 'both invoice emails', PATIENCE);
    for (const invoice of [chased, disputed]) {
      const [mail] = issued.filter((candidate) => candidate.subject.includes(invoice.number));
      expect(mail.attachments.map((attachment) => attachment.contentType)).toEqual(['application/pdf']);
    }
    const events = await waitFor(() => readEvents('invoice.issued', ofClient), (found) => found.length === 2, 'invoice.issued', PATIENCE);
    expect(events.map((event) => event.data.invoice_id).sort()).toEqual([chased.id, disputed.id].sort());
  });

  it('2. reminds both invoices three days before their due date and on it', async () => {
    await asAdmin.travelTo(nineAm(addDays(dueDate, -3)));
    await waitFor(subjects, (all) => all.filter((subject) => subject.startsWith('Reminder: invoice') && subject.includes(' is due on ')).length === 2, 'the reminders before', PATIENCE);
    await asAdmin.travelTo(nineAm(dueDate));
    const all = await waitFor(subjects, (found) => found.filter((subject) => subject.endsWith('is due today')).length === 2, 'the reminders on the due date', PATIENCE);
    expect(all.filter((subject) => /is due on |is due today/.test(subject)).sort()).toEqual(
      [
        `Reminder: invoice ${chased.number} (6,000.00 USD) is due on ${dueDate}`,
        `Reminder: invoice ${disputed.number} (4,000.00 USD) is due on ${dueDate}`,
        `Invoice ${chased.number} (6,000.00 USD) is due today`,
        `Invoice ${disputed.number} (4,000.00 USD) is due today`,
      ].sort(),
    );
    const reminders = await waitFor(() => readEvents('invoice.payment_reminder_due', ofClient), (found) => found.length === 4, 'invoice.payment_reminder_due', PATIENCE);
    expect(reminders.map((event) => event.data.reminder_kind).sort()).toEqual(['before_due', 'before_due', 'on_due', 'on_due']);
  });

  it('3. opens a case the day after, at the friendly stage, owed both invoices in one currency', async () => {
    await asAdmin.travelTo(nineAm(addDays(dueDate, 1)));
    const [opened] = await waitFor(
      async () => (await api.expect<{ data: Json[] }>(200, 'collections', 'GET', `/v1/cases?client_id=${clientId}`)).data,
      (list) => list.length === 1 && list[0].invoices?.length === 2,
      'the case with both invoices',
      PATIENCE,
    );
    caseId = opened.id;
    expect(opened).toMatchObject({ status: 'open', stage: 'friendly_reminder', balances: [{ currency: 'usd', balance_cents: 1_000_000 }] });
    // the first overdue invoice opens it, the second joins: one friendly letter each
    const letters = await waitFor(
      subjects,
      (all) => all.filter((subject) => /^Reminder: invoice \S+ is 1 day overdue/.test(subject)).length === 2,
      'the friendly letters',
      PATIENCE,
    );
    expect(letters.filter((subject) => subject.includes('overdue')).sort()).toEqual(
      [`Reminder: invoice ${chased.number} is 1 day overdue (6,000.00 USD)`, `Reminder: invoice ${disputed.number} is 1 day overdue (4,000.00 USD)`].sort(),
    );
    expect(await readEvents('collections.case_opened', ofClient)).toHaveLength(1);
    expect(await readEvents('collections.invoice_joined', ofClient)).toHaveLength(1);
    expect((await readEvents('invoice.overdue', ofClient)).map((event) => event.data.invoice_id).sort()).toEqual([chased.id, disputed.id].sort());
  });

  it('4. the client disputes the second invoice: acknowledged, and only the first is reminded a week late', async () => {
    const opened = await asClient.expect<Json>(
      201,
      'collections',
      'POST',
      `/v1/invoices/${disputed.id}/disputes`,
      { reason: 'The dashboards were never delivered.' },
      { 'idempotency-key': uniqueName('dispute') },
    );
    disputeId = opened.id;
    expect(opened).toMatchObject({ invoice_id: disputed.id, amount_cents: 400_000, status: 'open' });
    await waitFor(() => invoiceNow(disputed), (found) => found.in_dispute === true, 'the invoice in dispute', PATIENCE);
    await waitFor(theCase, (found) => found.invoices.find((invoice: Json) => invoice.invoice_id === disputed.id)?.disputed === true, 'the case to know the dispute', PATIENCE);
    await mailStartingWith(`We received your dispute of invoice ${disputed.number}`, 'the dispute acknowledgement');

    await asAdmin.travelTo(nineAm(addDays(dueDate, 7)));
    await mailStartingWith(`Overdue: invoice ${chased.number}`, 'the reminder a week late');
    const reminders = await waitFor(() => readEvents('invoice.payment_reminder_due', ofClient), (found) => found.length >= 5, 'the fifth reminder', PATIENCE);
    // the disputed invoice's reminder fell due at the same instant and was skipped
    expect(reminders.map((event) => `${event.data.invoice_id}:${event.data.reminder_kind}`).filter((key) => key.endsWith('after_due'))).toEqual([`${chased.id}:after_due`]);
    expect((await subjects()).filter((subject) => subject.startsWith('Overdue:'))).toEqual([`Overdue: invoice ${chased.number} (6,000.00 USD) is 7 days late`]);
  });

  it('5. moves to the firm notice on day 15, its letter naming only the undisputed invoice', async () => {
    await asAdmin.travelTo(nineAm(addDays(dueDate, 15)));
    await waitFor(theCase, (found) => found.stage === 'firm_notice', 'the firm notice', PATIENCE);
    const [firm] = await mailStartingWith('Payment overdue', 'the firm letter');
    expect(firm.text).toContain(`Invoice ${chased.number}: 6,000.00 USD due ${dueDate} (15 days late)`);
    expect(firm.text).not.toContain(disputed.number);
    const [changed] = await waitFor(() => readEvents('collections.stage_changed', (data) => data.case_id === caseId), (found) => found.length === 1, 'stage_changed', PATIENCE);
    expect(changed.data).toMatchObject({ stage: 'firm_notice', previous_stage: 'friendly_reminder', cause: 'ladder' });
    expect(changed.data.invoices.map((invoice: Json) => invoice.invoice_id)).toEqual([chased.id]);
  });

  it('6. the dispute is rejected: the second invoice is chased again', async () => {
    const rejected = await asFinance.expect<Json>(
      200,
      'collections',
      'POST',
      `/v1/disputes/${disputeId}/resolution`,
      { outcome: 'rejected', note: 'Delivery confirmed by the signed handover.' },
      { 'idempotency-key': uniqueName('resolution') },
    );
    expect(rejected).toMatchObject({ status: 'rejected' });
    await waitFor(() => invoiceNow(disputed), (found) => found.in_dispute === false, 'the invoice out of dispute', PATIENCE);
    await waitFor(theCase, (found) => found.invoices.every((invoice: Json) => !invoice.disputed), 'the case to chase it again', PATIENCE);
    await mailStartingWith(`Your dispute of invoice ${disputed.number} was not upheld`, 'the dispute decision');
    const [resolved] = await waitFor(() => readEvents('collections.dispute_resolved', ofClient), (found) => found.length === 1, 'dispute_resolved', PATIENCE);
    expect(resolved.data).toMatchObject({ dispute_id: disputeId, invoice_id: disputed.id, outcome: 'rejected' });
    expect(resolved.data.credit_amount_cents ?? null).toBeNull();
  });

  it('7. a promise to pay, confirmed by email, is broken: the case escalates to the final demand', async () => {
    const promisedDate = addDays(dueDate, 17);
    await asClient.expect<Json>(201, 'collections', 'POST', `/v1/cases/${caseId}/promises`, { promised_date: promisedDate, amount_cents: 250_000, currency: 'usd' }, { 'idempotency-key': uniqueName('promise') });
    await mailStartingWith('Promise to pay confirmed: 2,500.00 USD', 'the promise confirmation');

    await asAdmin.travelTo(nineAm(addDays(dueDate, 18)));
    const after = await waitFor(theCase, (found) => found.stage === 'final_demand', 'the escalation', PATIENCE);
    expect(after).toMatchObject({ holds: [], promises: [{ status: 'broken', paid_cents: 0 }] });
    const [final] = await mailStartingWith('Final notice', 'the final demand');
    expect(final.text).toContain('The payment you promised did not arrive by the agreed date.');
    expect(final.text).toContain(`Invoice ${chased.number}`);
    expect(final.text).toContain(`Invoice ${disputed.number}`);
    const [broken] = await waitFor(() => readEvents('collections.promise_broken', ofClient), (found) => found.length === 1, 'promise_broken', PATIENCE);
    expect(broken.data).toMatchObject({ case_id: caseId, promised_date: promisedDate, paid_cents: 0 });
    const changes = await waitFor(() => readEvents('collections.stage_changed', (data) => data.case_id === caseId), (found) => found.length === 2, 'the second stage_changed', PATIENCE);
    expect(changes[1].data).toMatchObject({ stage: 'final_demand', previous_stage: 'firm_notice', cause: 'broken_promise' });
  });

  it('8. agrees a plan of three instalments for the whole balance, emailed with its schedule as a PDF', async () => {
    const firstDueDate = addDays(dueDate, 25);
    plan = await asFinance.expect<Json>(
      201,
      'collections',
      'POST',
      `/v1/cases/${caseId}/payment-plans`,
      { currency: 'usd', instalments: { count: 3, first_due_date: firstDueDate, cadence: 'monthly' } },
      { 'idempotency-key': uniqueName('plan') },
    );
    expect(plan.instalments.map((instalment: Json) => instalment.amount_cents)).toEqual([333_334, 333_333, 333_333]);
    const [agreement] = await mailStartingWith('Your payment plan: 10,000.00 USD in 3 instalments', 'the plan agreement');
    expect(agreement.attachments.map((attachment) => attachment.filename)).toEqual([`payment-plan-${plan.id}.pdf`]);
    const [agreed] = await waitFor(() => readEvents('collections.payment_plan_agreed', ofClient), (found) => found.length === 1, 'payment_plan_agreed', PATIENCE);
    expect(agreed.data).toMatchObject({ payment_plan_id: plan.id, case_id: caseId, total_cents: 1_000_000, currency: 'usd' });
  });

  it('9. the first instalment is paid; the second is missed past its grace period and the plan breaks', async () => {
    await asFinance.expect(201, 'invoicing', 'POST', '/v1/payments', { invoice_id: chased.id, amount_cents: 333_334, currency: 'usd' }, { 'idempotency-key': uniqueName('payment') });
    const [paid] = await waitFor(() => readEvents('collections.instalment_paid', ofClient), (found) => found.length === 1, 'instalment_paid', PATIENCE);
    expect(paid.data).toMatchObject({ payment_plan_id: plan.id, instalment_index: 1, amount_cents: 333_334 });

    // the reminder day of the second instalment, then the end of its grace period (a jump over both would fire
    // them in either order, and a plan broken first needs no reminder)
    const second = plan.instalments[1];
    await asAdmin.travelTo(nineAm(addDays(second.due_date, -plan.reminder_days_before)));
    const [dueSoon] = await waitFor(() => readEvents('collections.instalment_due_soon', ofClient), (found) => found.length === 1, 'instalment_due_soon', PATIENCE);
    expect(dueSoon.data).toMatchObject({ payment_plan_id: plan.id, instalment_index: 2, due_date: second.due_date, amount_outstanding_cents: 333_333 });
    await mailStartingWith(`Payment plan: 3,333.33 USD due ${second.due_date}`, 'the instalment reminder');

    await asAdmin.travelTo(nineAm(addDays(second.due_date, plan.grace_days + 1)));
    const [broken] = await waitFor(() => readEvents('collections.payment_plan_broken', ofClient), (found) => found.length === 1, 'payment_plan_broken', PATIENCE);
    expect(broken.data).toMatchObject({ case_id: caseId, paid_cents: 333_334, outstanding_cents: 666_666, missed_instalment: { instalment_index: 2, unpaid_cents: 333_333 } });
    await mailStartingWith('Payment plan ended: 6,666.66 USD now due', 'the plan broken email');
    // dunning resumes one stage up: the hand-off stage, which waits for a decision
    const after = await waitFor(theCase, (found) => found.stage === 'agency_handoff', 'the hand-off stage', PATIENCE);
    expect(after.balances).toEqual([{ currency: 'usd', balance_cents: 666_666 }]);
    await mailStartingWith('Notice before collection agency referral', 'the hand-off stage letter');
  });

  it('10. hands the case to an agency with a case file whose manifest digests verify', async () => {
    const handed = await asFinance.expect<Json>(
      201,
      'collections',
      'POST',
      `/v1/cases/${caseId}/hand-off`,
      { agency: 'Northwind Recoveries', reason: 'Plan broken after a broken promise.' },
      { 'idempotency-key': uniqueName('hand-off') },
    );
    expect(handed.case).toMatchObject({ status: 'handed_off' });
    const response = await fetch(`${api.urls.collections}/v1/cases/${caseId}/case-file`, { headers: { authorization: `Bearer ${await testToken('finance')}` } });
    expect(response.status).toBe(200);
    const zipBytes = Buffer.from(await response.arrayBuffer());
    expect(sha256(zipBytes)).toBe(handed.case_file.sha256);
    const zip = await JSZip.loadAsync(zipBytes);
    const manifestBytes = await zip.file('manifest.json')?.async('nodebuffer');
    expect(manifestBytes).toBeDefined();
    expect(sha256(manifestBytes as Buffer)).toBe(handed.case_file.manifest_sha256);
    const manifest = JSON.parse((manifestBytes as Buffer).toString('utf8'));
    const listed: Json[] = manifest.files;
    const inZip = Object.values(zip.files).filter((entry) => !entry.dir && entry.name !== 'manifest.json').map((entry) => entry.name);
    expect(listed.map((file) => file.path).sort()).toEqual(inZip.sort());
    for (const file of listed) {
      const bytes = (await zip.file(file.path)?.async('nodebuffer')) as Buffer;
      expect({ path: file.path, sha256: sha256(bytes), size: bytes.length }).toEqual({ path: file.path, sha256: file.sha256, size: file.size_bytes });
    }
    // both invoices are in it, as JSON and PDF
    expect(inZip.filter((name) => name.startsWith('invoices/')).sort()).toHaveLength(4);

    const [handedOff] = await waitFor(() => readEvents('collections.handed_off', ofClient), (found) => found.length === 1, 'handed_off', PATIENCE);
    expect(handedOff.data).toMatchObject({ case_id: caseId, agency: 'Northwind Recoveries', balances: [{ currency: 'usd', balance_cents: 666_666 }], case_file: { sha256: handed.case_file.sha256 } });
    await mailStartingWith('Notice: your overdue balance (6,666.66 USD) has been passed to Northwind Recoveries', 'the hand-off notice');
  });

  it('11. records what the agency recovered as the client’s payment in invoicing, the fee kept apart', async () => {
    const today = addDays(plan.instalments[1].due_date, plan.grace_days + 1);
    const recovery = await asFinance.expect<Json>(
      201,
      'collections',
      'POST',
      `/v1/cases/${caseId}/agency-recoveries`,
      { amount_cents: 200_000, agency_fee_cents: 50_000, currency: 'usd', received_on: today, external_reference: 'NWR-0001' },
      { 'idempotency-key': uniqueName('recovery') },
    );
    expect(recovery).toMatchObject({ gross_cents: 200_000, agency_fee_cents: 50_000, net_cents: 150_000, agency: 'Northwind Recoveries' });
    const payments = await waitFor(() => readEvents('payment.recorded', ofClient), (found) => found.some((event) => event.data.payment_id === recovery.payment_id), 'the agency payment', PATIENCE);
    expect(payments.find((event) => event.data.payment_id === recovery.payment_id)?.data).toMatchObject({ amount_cents: 200_000, currency: 'usd', method: 'collection_agency' });
    const [recorded] = await waitFor(() => readEvents('collections.agency_recovery_recorded', ofClient), (found) => found.length === 1, 'agency_recovery_recorded', PATIENCE);
    expect(recorded.data).toMatchObject({ case_id: caseId, gross_cents: 200_000, agency_fee_cents: 50_000, net_cents: 150_000 });
    // the client owes less by the gross, not the net
    await waitFor(theCase, (found) => found.balances[0]?.balance_cents === 466_666, 'the case balance reduced by the gross', PATIENCE);
  });

  it('12. writes off the rest: invoices uncollectible in invoicing, the case closed as written off', async () => {
    const closed = await asFinance.expect<Json>(200, 'collections', 'POST', `/v1/cases/${caseId}/write-off`, { reason: 'Agency recovered what it could.' }, { 'idempotency-key': uniqueName('write-off') });
    expect(closed).toMatchObject({ status: 'closed' });
    const writtenOff = await waitFor(() => readEvents('collections.written_off', ofClient), (found) => found.length >= 1, 'written_off', PATIENCE);
    expect(writtenOff.reduce((sum, event) => sum + event.data.amount_written_off_cents, 0)).toBe(466_666);
    const uncollectible = await waitFor(() => readEvents('invoice.uncollectible', ofClient), (found) => found.length === writtenOff.length, 'invoice.uncollectible', PATIENCE);
    expect(uncollectible.reduce((sum, event) => sum + event.data.amount_uncollectible_cents, 0)).toBe(466_666);
    for (const event of writtenOff) await waitFor(() => invoiceNow({ id: event.data.invoice_id }), (found) => found.status === 'uncollectible', 'the invoice uncollectible', PATIENCE);
    const [caseClosed] = await waitFor(() => readEvents('collections.case_closed', ofClient), (found) => found.length === 1, 'case_closed', PATIENCE);
    expect(caseClosed.data).toMatchObject({ case_id: caseId, resolution: 'written_off', reason: 'Agency recovered what it could.' });
  });

  it('13. sent the client exactly these emails, and published exactly these events', async () => {
    const expectedSubjects = [
      ...[chased, disputed].map((invoice) => `Invoice ${invoice.number} for Globex `),
      `Reminder: invoice ${chased.number} (6,000.00 USD) is due on ${dueDate}`,
      `Reminder: invoice ${disputed.number} (4,000.00 USD) is due on ${dueDate}`,
      `Invoice ${chased.number} (6,000.00 USD) is due today`,
      `Invoice ${disputed.number} (4,000.00 USD) is due today`,
      `Reminder: invoice ${chased.number} is 1 day overdue (6,000.00 USD)`,
      `Reminder: invoice ${disputed.number} is 1 day overdue (4,000.00 USD)`,
      `We received your dispute of invoice ${disputed.number}`,
      `Overdue: invoice ${chased.number} (6,000.00 USD) is 7 days late`,
      'Payment overdue',
      `Your dispute of invoice ${disputed.number} was not upheld`,
      'Promise to pay confirmed: 2,500.00 USD',
      'Final notice',
      'Your payment plan: 10,000.00 USD in 3 instalments',
      `Payment plan: 3,333.33 USD due ${plan.instalments[1].due_date}`,
      'Payment plan ended: 6,666.66 USD now due',
      'Notice before collection agency referral',
      'Notice: your overdue balance (6,666.66 USD) has been passed to Northwind Recoveries',
    ];
    // emails of events still in flight (a receipt of the recovery, say) are given time to arrive, then every one is accounted for
    const sent = await mails();
    const unexpected = sent.map((mail) => mail.subject).filter((subject) => !expectedSubjects.some((expected) => subject.includes(expected)));
    expect(unexpected).toEqual([]);
    for (const expected of expectedSubjects) expect([expected, sent.filter((mail) => mail.subject.includes(expected)).length]).toEqual([expected, 1]);

    // each email's delivery was published, none failed
    const delivered = await waitFor(
      () => readEvents('notification.sent', (data) => data.client_id === clientId && data.channel === 'email'),
      (found) => found.length >= sent.length,
      'notification.sent for every email',
      PATIENCE,
    );
    expect(delivered).toHaveLength(sent.length);
    // (this journey subscribes no webhooks: a webhook another suite left behind for every client is not its concern)
    expect(await readEvents('notification.failed', (data) => ofClient(data) && data.channel === 'email')).toEqual([]);

    const counts: Record<string, number> = {};
    for (const topic of Object.keys(EXPECTED_EVENTS)) counts[topic] = (await readEvents(topic, ofClient)).length;
    expect(counts).toEqual(EXPECTED_EVENTS);
  });
});

/** Every event of the client's journey, by topic (= event name). */
const EXPECTED_EVENTS: Record<string, number> = {
  'invoice.issued': 2,
  'invoice.payment_reminder_due': 5,
  'invoice.overdue': 2,
  'collections.case_opened': 1,
  'collections.invoice_joined': 1,
  'collections.dispute_opened': 1,
  'collections.dispute_resolved': 1,
  'collections.stage_changed': 3,
  'collections.promise_recorded': 1,
  'collections.promise_broken': 1,
  'collections.payment_plan_agreed': 1,
  'collections.instalment_paid': 1,
  'collections.instalment_due_soon': 1,
  'collections.payment_plan_broken': 1,
  'collections.handed_off': 1,
  'payment.recorded': 2,
  'collections.agency_recovery_recorded': 1,
  'collections.written_off': 2,
  'invoice.uncollectible': 2,
  'collections.case_closed': 1,
};

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

