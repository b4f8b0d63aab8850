// bin/demo: walks the milestone-to-cash journey against the stack bin/start runs, printing what
// happens at each step. It uses only the services' public REST APIs, as another system would.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { addDays } from '@mb/kernel';
import { BillingApiClient, LocalIssuer, waitFor } from '@mb/devstack';
import { formatMoney } from '@mb/money';
import { localIssuerDirectory } from '../stack/stack-settings';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const urls = {
  contract: process.env.CONTRACT_URL ?? 'http://127.0.0.1:3001',
  milestone: process.env.MILESTONE_URL ?? 'http://127.0.0.1:3002',
  invoicing: process.env.INVOICING_URL ?? 'http://127.0.0.1:3003',
  notification: process.env.NOTIFICATION_URL ?? 'http://127.0.0.1:3004',
  collections: process.env.COLLECTIONS_URL ?? 'http://127.0.0.1:3005',
};
// Each step acts as the person who would take it, with a token of the local issuer bin/start set up:
// a project manager runs the project, the client approves, finance records payments, an admin moves the clock.
let api: BillingApiClient;
let asFinance: BillingApiClient;
let asAdmin: BillingApiClient;
const mailView = process.env.MAIL_VIEW_URL ?? 'http://127.0.0.1:8025/messages';
const portalUrl = process.env.PORTAL_URL ?? 'http://127.0.0.1:3010';
const webhookPort = Number(process.env.DEMO_WEBHOOK_PORT ?? 8090);

let stepNumber = 0;
const step = (title: string) => console.log(`\n${++stepNumber}. ${title}`);
const show = (label: string, value: unknown) => console.log(`   ${label.padEnd(24)} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
const cents = (value: number) => formatMoney(value, 'usd');

/**
 * What GitHub sends when a repository's webhook fires: the payload signed with the webhook's secret
 * (X-Hub-Signature-256, by GitHub's own signing library), with a delivery id; `again` re-sends the
 * very same delivery, as GitHub's "Redeliver" does.
 */
async function deliverGitHubWebhook(event: string, payload: Json): Promise<{ status: number; again: () => Promise<{ status: number }> }> {
  // The secret bin/start gives milestone-service unless the environment sets one.
  const secret = process.env.MB_GITHUB_WEBHOOK_SECRET ?? 'local-development-github-webhook-secret';
  const { sign } = await import('@octokit/webhooks-methods');
  const body = JSON.stringify(payload);
  const headers = { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': randomUUID(), 'x-hub-signature-256': await sign(secret, body) };
  const send = () => fetch(`${urls.milestone}/v1/inbound/github`, { method: 'POST', headers, body });
  return { status: (await send()).status, again: send };
}

async function main(): Promise<void> {
  const issuer = await LocalIssuer.openOrCreate(localIssuerDirectory(process.env));
  api = new BillingApiClient(urls, await issuer.issue({ role: 'project_manager', subject: 'demo-pm' }));
  asFinance = api.as(await issuer.issue({ role: 'finance', subject: 'demo-finance' }));
  asAdmin = api.as(await issuer.issue({ role: 'admin', subject: 'demo-admin' }));
  const received: { id: string; event: string; attempt: number; answered: number }[] = [];
  const receiver = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      // The first delivery fails on purpose, to show the retry.
      const answered = received.length === 0 ? 500 : 200;
      const envelope = JSON.parse(body);
      received.push({ id: envelope.id, event: envelope.event, attempt: received.filter((item) => item.id === envelope.id).length + 1, answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(webhookPort, '127.0.0.1', () => resolve()));

  try {
    step('A client in Los Angeles and a contract: USD 30,000.00, net-15, four milestones (25/35/25/15 %)');
    const apEmail = `ap+${Date.now()}@acme.example`;
    const approverEmail = `pm+${Date.now()}@acme.example`;
    const client = await api.expect<Json>(201, 'contract', 'POST', '/v1/clients', {
      name: 'Acme Corp',
      ap_contact_email: apEmail,
      approver_email: approverEmail,
      time_zone: 'America/Los_Angeles',
    });
    show('client', `${client.id} (AP contact ${apEmail}, approver ${approverEmail}, ${client.time_zone})`);
    const asClient = api.as(await issuer.issue({ role: 'client', clientId: client.id, subject: approverEmail }));
    // Milestone 3 is planned 40 days after today by the services' clock, and its client's silence
    // for 3 days after a submission counts as acceptance.
    const uatDate = addDays(client.created_at.slice(0, 10), 40);
    // The client's own systems subscribe with its token, so they hear of its events only.
    const subscription = await asClient.expect<Json>(201, 'notification', 'POST', '/v1/webhook-subscriptions', {
      url: `http://127.0.0.1:${webhookPort}/hooks`,
      events: ['invoice.issued', 'invoice.paid', 'invoice.overdue', 'collections.case_opened', 'collections.case_closed'],
    });
    show('webhook subscription', `${subscription.id} → http://127.0.0.1:${webhookPort}/hooks`);
    const schedule = [
      ['Kickoff Deposit', 2500, 'on_signing'],
      ['UI Prototype', 3500, 'on_approval'],
      ['User Acceptance Testing', 2500, 'on_approval'],
      ['Launch Sign-off', 1500, 'on_approval'],
    ].map(([title, bps, trigger]) => ({ title, amount_bps: bps, billing_trigger: trigger, acceptance_criteria: `${title}: signed checklist`, approval_window_days: 5 }));
    Object.assign(schedule[2], { planned_date: uatDate, approval_window_days: 3, deemed_acceptance: true });
    const refused = await api.request<Json>('contract', 'POST', '/v1/contracts', {
      client_id: client.id, title: 'Acme storefront rebuild', currency: 'usd', total_value_cents: 3_000_000, net_days: 15,
      milestones: schedule.map((item, index) => (index === 3 ? { ...item, amount_bps: 1400 } : item)),
    });
    show('99 % schedule', `refused: ${refused.status} ${refused.body.code} (${refused.body.detail})`);
    const contract = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
      client_id: client.id, title: 'Acme storefront rebuild', currency: 'usd', total_value_cents: 3_000_000, net_days: 15, purchase_order_ref: 'PO-7781', milestones: schedule,
    });
    show('contract', `${contract.id} (${contract.status}), amounts ${contract.milestones.map((item: Json) => item.amount_cents).join(', ')}`);
    if (contract.warnings.length > 0) show('warnings', contract.warnings.map((warning: Json) => warning.code).join(', '));
    await api.expect(200, 'contract', 'POST', `/v1/contracts/${contract.id}/activate`);
    show('activated', 'contract.activated published');

    step('Milestones: the deposit is billable at signing; milestone 2 is worked, submitted and approved');
    const milestones = async () => (await api.expect<{ data: Json[] }>(200, 'milestone', 'GET', `/v1/contracts/${contract.id}/milestones`)).data;
    let list = await waitFor(milestones, (items) => items.length === 4, 'four milestones');
    const second = list.find((item) => item.milestone_index === 2) as Json;
    const illegal = await asClient.request<Json>('milestone', 'POST', `/v1/milestones/${list.find((item) => item.milestone_index === 3)?.id}/approve`);
    show('approve a planned one', `refused: ${illegal.status} ${illegal.body.code}`);
    await api.expect(200, 'milestone', 'POST', `/v1/milestones/${second.id}/start`);
    await api.expect(200, 'milestone', 'POST', `/v1/milestones/${second.id}/submit`, { evidence_url: 'https://example.com/prototype' });
    await asClient.expect(200, 'milestone', 'POST', `/v1/milestones/${second.id}/approve`);
    list = await milestones();
    for (const item of list) show(`milestone ${item.milestone_index}`, `${item.id} ${item.title}: ${item.status}`);

    step('Invoices issued the moment milestones became billable');
    const invoices = async () => (await api.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/invoices?contract_id=${contract.id}`)).data;
    const issued = await waitFor(invoices, (items) => items.filter((item) => item.status === 'open').length >= 2, 'two invoices');
    const open = issued.filter((item) => item.status === 'open').sort((a, b) => a.milestone_index - b.milestone_index);
    for (const invoice of open) {
      show(invoice.number, `${invoice.id} milestone ${invoice.milestone_index}, ${cents(invoice.amount_due_cents)}, issued ${invoice.issue_date}, due ${invoice.due_date}`);
      show('', `PDF: ${api.urls.invoicing}/v1/invoices/${invoice.id}/pdf   e-invoice (UBL): ${api.urls.invoicing}/v1/invoices/${invoice.id}/ubl`);
    }

    step('The AP contact was emailed and the subscriber got signed webhooks');
    const mails = await waitFor(
      async () => ((await (await fetch(mailView)).json()) as Json[]).filter((mail) => mail.to.includes(apEmail)),
      (items) => items.length >= 2,
      'the invoice emails',
    );
    for (const mail of mails) {
      const attached = ((mail.attachments ?? []) as Json[]).map((attachment) => `${attachment.filename} (${attachment.contentType})`);
      show('email', `to ${mail.to.join(', ')}: "${mail.subject}"${attached.length > 0 ? `, attached: ${attached.join(', ')}` : ''}`);
    }
    await waitFor(async () => received.filter((item) => item.answered === 200).length, (count) => count >= 2, 'webhook deliveries');
    for (const item of received) show('webhook', `${item.event} ${item.id} attempt ${item.attempt}: answered ${item.answered}`);
    show('mailbox', mailView);

    step('A change order: milestone 4 re-priced and a milestone added; the client approves; both schedule versions kept');
    const touchingBilled = await api.request<Json>('contract', 'POST', `/v1/contracts/${contract.id}/change-orders`, {
      reason: 'Smaller deposit', changes: { milestones: [{ kind: 'change', milestone_index: 1, amount_cents: 500_000 }] },
    });
    show('touching milestone 1', `refused: ${touchingBilled.status} ${touchingBilled.body.code} (${touchingBilled.body.detail})`);
    const changeOrder = await api.expect<Json>(201, 'contract', 'POST', `/v1/contracts/${contract.id}/change-orders`, {
      reason: 'Gift cards added to the scope',
      changes: {
        milestones: [
          { kind: 'change', milestone_index: 4, amount_cents: 500_000 },
          { kind: 'add', milestone: { title: 'Gift cards', acceptance_criteria: 'Gift cards: signed checklist', amount_cents: 100_000, billing_trigger: 'on_approval', approval_window_days: 5 } },
        ],
      },
    });
    show('change order', `${changeOrder.id} ${changeOrder.status}: ${cents(changeOrder.previous_total_value_cents)} → ${cents(changeOrder.total_value_cents)}, answer by ${changeOrder.respond_by}`);
    await asClient.expect(200, 'contract', 'POST', `/v1/change-orders/${changeOrder.id}/approve`);
    const versions = (await api.expect<{ data: Json[] }>(200, 'contract', 'GET', `/v1/contracts/${contract.id}/versions`)).data;
    for (const version of versions) {
      show(`schedule version ${version.schedule_version}`, `${cents(version.total_value_cents)}: ${version.milestones.map((item: Json) => `${item.milestone_index}=${cents(item.amount_cents)}`).join(', ')}${version.change_order_id ? ` (${version.change_order_id}, approved by ${version.approved_by})` : ''}`);
    }

    step('A payment covering invoice 1');
    const payment = await asFinance.expect<Json>(201, 'invoicing', 'POST', '/v1/payments', { invoice_id: open[0].id, amount_cents: open[0].amount_due_cents, currency: 'usd' }, { 'idempotency-key': randomUUID() });
    show('payment', `${payment.id} ${cents(payment.amount_cents ?? open[0].amount_due_cents)}`);
    await waitFor(milestones, (items) => items.find((item) => item.milestone_index === 1)?.status === 'paid', 'milestone 1 paid');
    show('milestone 1', 'paid');

    step('Invoice 2 falls overdue (the services\' clocks move past its due date)');
    await asAdmin.travelTo(new Date(`${addDays(open[1].due_date, 1)}T09:00:00Z`));
    const cases = await waitFor(
      async () => (await api.expect<{ data: Json[] }>(200, 'collections', 'GET', `/v1/cases?client_id=${client.id}`)).data,
      (items) => items.some((item) => item.status === 'open'),
      'a collections case',
    );
    show('collections case', `${cases[0].id} open at stage ${cases[0].stage}`);
    await asFinance.expect(201, 'invoicing', 'POST', '/v1/payments', { invoice_id: open[1].id, amount_cents: open[1].amount_due_cents, currency: 'usd' }, { 'idempotency-key': randomUUID() });
    await waitFor(
      async () => (await api.expect<{ data: Json[] }>(200, 'collections', 'GET', `/v1/cases?client_id=${client.id}`)).data,
      (items) => items.every((item) => item.status === 'closed'),
      'the case to close',
    );
    show('collections case', 'closed after the balance was paid');

    step(`Milestone 3 is planned for ${uatDate}: the AP contact hears a week ahead`);
    const third = list.find((item) => item.milestone_index === 3) as Json;
    await asAdmin.travelTo(new Date(`${addDays(uatDate, -7)}T16:00:00Z`));
    const mailsTo = async (recipient: string, subject: string) =>
      ((await (await fetch(mailView)).json()) as Json[]).filter((mail) => mail.to.includes(recipient) && mail.subject.startsWith(subject));
    const [notice] = await waitFor(() => mailsTo(apEmail, 'Advance notice'), (items) => items.length >= 1, 'the advance notice');
    show('email', `to ${apEmail}: "${notice.subject}"`);

    step('Milestone 3 is linked to a GitHub pull request; merging it submits the milestone, and the approver is asked, with 3 calendar days (Los Angeles) to answer');
    await api.expect(200, 'milestone', 'POST', `/v1/milestones/${third.id}/start`);
    const link = await api.expect<Json>(201, 'milestone', 'POST', `/v1/milestones/${third.id}/work-item-links`, { provider: 'github', repository: 'acme/storefront', kind: 'pull_request', number: 42 });
    show('work-item link', `${link.id}: acme/storefront#42, submits the milestone when ${link.submit_when}`);
    const merged = await deliverGitHubWebhook('pull_request', {
      action: 'closed',
      number: 42,
      pull_request: { number: 42, merged: true, html_url: 'https://github.com/acme/storefront/pull/42' },
      repository: { full_name: 'acme/storefront' },
      sender: { login: 'octocat' },
    });
    show('GitHub webhook', `pull request merged, signed delivery answered ${merged.status}; the same delivery again: ${(await merged.again()).status}`);
    const submitted = await waitFor(
      async () => api.expect<Json>(200, 'milestone', 'GET', `/v1/milestones/${third.id}`),
      (item) => item.status === 'submitted',
      'milestone 3 submitted by the merge',
    );
    show('milestone 3', `submitted, evidence ${submitted.evidence_url}`);
    show('approval window closes', `${submitted.approval_due_at} (midnight in Los Angeles)`);
    const requestsForThird = async () => (await mailsTo(approverEmail, 'Approval requested')).filter((mail) => mail.subject.includes('milestone 3'));
    const [request] = await waitFor(requestsForThird, (items) => items.length >= 1, 'the approval request');
    show('email', `to ${approverEmail}: "${request.subject}"`);

    step('Nobody answers: when the window closes, milestone 3 is deemed accepted and invoiced');
    await asAdmin.travelTo(new Date(new Date(submitted.approval_due_at).getTime() + 60 * 60 * 1000));
    const deemed = await waitFor(
      async () => api.expect<Json>(200, 'milestone', 'GET', `/v1/milestones/${third.id}`),
      (item) => item.status === 'invoiced',
      'milestone 3 deemed accepted and invoiced',
    );
    show('milestone 3', `${deemed.status}, deemed accepted at ${deemed.deemed_accepted_at}`);
    const uatInvoice = (await invoices()).find((item) => item.milestone_index === 3) as Json;
    show(uatInvoice.number, `${cents(uatInvoice.amount_due_cents)}, issued ${uatInvoice.issue_date} (the Los Angeles date), due ${uatInvoice.due_date}`);
    const late = await asClient.request<Json>('milestone', 'POST', `/v1/milestones/${third.id}/approve`);
    show('approve it now', `refused: ${late.status} ${late.body.code}`);

    // Issue 11: the same invoice is reminded before and on its due date, chased by a case that climbs
    // its dunning ladder, and put on a payment plan. 09:00 in Los Angeles is 17:00 UTC in winter, 16:00 in summer.
    const nineInLosAngeles = (date: string) => new Date(`${date}T17:00:30Z`);
    step(`${uatInvoice.number} is reminded three days before its due date (${uatInvoice.due_date}) and on it, at 09:00 in Los Angeles`);
    const remindersOf = async () =>
      ((await (await fetch(mailView)).json()) as Json[]).filter((mail) => mail.to.includes(apEmail) && mail.subject.includes(uatInvoice.number) && /is due on|is due today/.test(mail.subject));
    await asAdmin.travelTo(nineInLosAngeles(addDays(uatInvoice.due_date, -3)));
    await waitFor(remindersOf, (items) => items.length >= 1, 'the reminder before the due date', 60_000);
    await asAdmin.travelTo(nineInLosAngeles(uatInvoice.due_date));
    for (const mail of await waitFor(remindersOf, (items) => items.length >= 2, 'the reminder on the due date', 60_000)) show('email', `to ${apEmail}: "${mail.subject}"`);
    show('reminder policy', await asFinance.expect<Json>(200, 'invoicing', 'GET', `/v1/clients/${client.id}/reminder-policy`).then((policy) => `${policy.source}: ${policy.before_due_days} days before, on the day, ${policy.after_due_days.join(', ')} days after`));

    step(`Unpaid, it falls overdue: a collections case opens, and on day 15 it moves up the ladder to the firm notice`);
    const openCase = async () => (await api.expect<{ data: Json[] }>(200, 'collections', 'GET', `/v1/cases?client_id=${client.id}`)).data.find((item) => item.status === 'open');
    await asAdmin.travelTo(nineInLosAngeles(addDays(uatInvoice.due_date, 1)));
    const chasing = (await waitFor(openCase, (found) => found !== undefined, 'the case for invoice 3', 60_000)) as Json;
    show('collections case', `${chasing.id} open at stage ${chasing.stage}`);
    await asAdmin.travelTo(nineInLosAngeles(addDays(uatInvoice.due_date, 15)));
    const firm = await waitFor(async () => api.expect<Json>(200, 'collections', 'GET', `/v1/cases/${chasing.id}`), (found) => found.stage === 'firm_notice', 'the firm notice', 60_000);
    show('stage changed', `${chasing.stage} → ${firm.stage} (collections.stage_changed), next move ${firm.next_stage_at ?? 'none planned'}`);
    const [firmLetter] = await waitFor(() => mailsTo(apEmail, 'Payment overdue'), (items) => items.length >= 1, 'the firm letter', 60_000);
    show('email', `to ${apEmail}: "${firmLetter.subject}"`);

    step('Finance agrees a payment plan of 3 monthly instalments with the client; the schedule is emailed as a PDF');
    const plan = await asFinance.expect<Json>(
      201, 'collections', 'POST', `/v1/cases/${chasing.id}/payment-plans`,
      { currency: 'usd', instalments: { count: 3, first_due_date: addDays(uatInvoice.due_date, 22), cadence: 'monthly' } },
      { 'idempotency-key': randomUUID() },
    );
    for (const instalment of plan.instalments) show(`instalment ${instalment.instalment_index}`, `${cents(instalment.amount_cents)} due ${instalment.due_date}`);
    show('grace', `${plan.grace_days} days after a due date before a missed instalment breaks the plan`);
    const [agreement] = await waitFor(() => mailsTo(apEmail, 'Your payment plan'), (items) => items.length >= 1, 'the payment plan email', 60_000);
    show('email', `to ${apEmail}: "${agreement.subject}", attached: ${((agreement.attachments ?? []) as Json[]).map((attachment) => attachment.filename).join(', ')}`);
    show('schedule PDF', `${api.urls.collections}/v1/payment-plans/${plan.id}/schedule.pdf`);
    await asFinance.expect(201, 'invoicing', 'POST', '/v1/payments', { invoice_id: uatInvoice.id, amount_cents: plan.instalments[0].amount_cents, currency: 'usd' }, { 'idempotency-key': randomUUID() });
    const paying = await waitFor(async () => api.expect<Json>(200, 'collections', 'GET', `/v1/payment-plans/${plan.id}`), (found) => found.paid_cents > 0, 'the first instalment matched', 60_000);
    show('first instalment paid', `${cents(paying.paid_cents)} of ${cents(paying.total_cents)}, plan ${paying.status}`);

    step('Where the contract stands');
    const status = await api.expect<Json>(200, 'invoicing', 'GET', `/v1/contracts/${contract.id}/financial-status`);
    for (const key of ['total_value_cents', 'billed_cents', 'paid_cents', 'outstanding_cents', 'unbilled_cents']) show(key.replace('_cents', ''), cents(status[key]));

    step("The client's own view: its approver asks the portal for a sign-in link, and it is emailed");
    const asked = await fetch(`${urls.contract}/v1/portal/sign-in-links`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: approverEmail }) });
    show('sign-in link asked', `${asked.status} (the same answer for any address)`);
    const [signIn] = await waitFor(() => mailsTo(approverEmail, 'Sign in to'), (items) => items.length >= 1, 'the sign-in email', 60_000);
    show('email', `to ${approverEmail}: "${signIn.subject}"`);
    show('open it in a browser', /https?:\/\/\S+\/sign-in\?token=mbl_[A-Za-z0-9_-]+/.exec(signIn.text)?.[0] ?? `(see ${mailView})`);
    show('the portal', `${portalUrl}: the schedule, invoices with their PDFs, the collections case and its plan, the next 90 days`);
    console.log('\nThe journey completed.');
  } finally {
    receiver.close();
  }
}

main().catch((error: Error) => {
  console.error(`\ndemo failed: ${error.message}\nIs the stack running? Start it with bin/start in another terminal.`);
  process.exit(1);
});
