import { ChildProcess, spawn } from 'node:child_process';
import { Webhook } from 'standardwebhooks';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { join } from 'node:path';
import { addDays, startOfDayIn } from '@mb/kernel';
import {
  BillingApiClient,
  LOCAL_SERVICES,
  repositoryRoot,
  startServiceProcess,
  stopProcess,
  waitFor,
  waitForReadiness,
} from '@mb/devstack';
import { GRPC_APIS, type GrpcApiName } from '@mb/grpc';
import { e2ePort, GrpcTestClient, readEvents, testAuthEnvironment, testServiceEnvironment, testServiceLogFile, testToken, uniqueName } from '@mb/testing';

// The product's promise in one flow, across the five services started from their build, a real
// SMTP server process and a webhook subscriber: a contract's milestones turn into invoices, the
// client's AP team is told, payments are applied and a late invoice is chased. Then the same over
// gRPC alone, as another company system would drive it.

// Apart from the local stack and the foundation test; MB_E2E_PORT_OFFSET moves them all.
const FIRST_PORT = e2ePort(4201);
const FIRST_GRPC_PORT = e2ePort(4211);
const SMTP_PORT = e2ePort(4225);
const MAIL_VIEW_PORT = e2ePort(4226);
const WEBHOOK_PORT = e2ePort(4230);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface WebhookCall {
  /** `/hooks` for the journey client's own subscription, `/all-hooks` for a system's subscription to every client. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly answered: number;
}

const children: ChildProcess[] = [];
let webhookServer: Server;
const webhookCalls: WebhookCall[] = [];
/** Subscriptions this journey creates: deleted at the end, so later suites' invoices are not offered to a receiver that has gone. */
const subscriptionIds: string[] = [];
// The journey's people: a project manager runs the project, finance records payments, an admin
// moves the test clock; the client (its own token, once it exists) approves.
let api: BillingApiClient;
let asFinance: BillingApiClient;
let asAdmin: BillingApiClient;
const grpc = {} as Record<GrpcApiName, GrpcTestClient>;

interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; size: number; firstBytes: string }[];
}

async function mailbox(): Promise<CaughtMail[]> {
  const response = await fetch(`http://127.0.0.1:${MAIL_VIEW_PORT}/messages`);
  return (await response.json()) as CaughtMail[];
}

function financialStatusAddsUp(status: Json): void {
  expect(status.billed_cents + status.unbilled_cents).toBe(status.total_value_cents);
  expect(status.paid_cents + status.outstanding_cents).toBe(status.billed_cents);
}

beforeAll(async () => {
  // a real SMTP server process, whose messages the test reads over HTTP
  const sink = spawn(process.execPath, [join(repositoryRoot(), 'dist', 'tools', 'stack', 'mail-sink.js')], {
    env: { ...process.env, SMTP_PORT: String(SMTP_PORT), HTTP_PORT: String(MAIL_VIEW_PORT) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(sink);
  await new Promise<void>((resolve, reject) => {
    sink.stdout?.once('data', () => resolve());
    sink.once('exit', (code) => reject(new Error(`mail sink exited with ${code}`)));
  });

  // a subscriber that fails its first delivery, so the retry is exercised
  webhookServer = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const answered = webhookCalls.length === 0 ? 500 : 200;
      webhookCalls.push({ path: request.url ?? '', headers: request.headers, body, answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => webhookServer.listen(WEBHOOK_PORT, '127.0.0.1', () => resolve()));

  const auth = await testAuthEnvironment();
  const urls: Record<string, string> = {};
  LOCAL_SERVICES.forEach((service, index) => {
    urls[service.name.replace('-service', '')] = `http://127.0.0.1:${FIRST_PORT + index}`;
  });
  // notification-service attaches the invoice PDF it fetches from invoicing's API, as a service
  const documentAccess = { INVOICING_API_URL: urls.invoicing, INVOICING_API_CREDENTIAL: await testToken({ role: 'service', expiresInSeconds: 4 * 3600 }) };
  LOCAL_SERVICES.forEach((service, index) => {
    const port = FIRST_PORT + index;
    children.push(
      startServiceProcess({
        serviceName: service.name,
        logFile: testServiceLogFile(service.name),
        env: {
          HTTP_PORT: String(port),
          GRPC_PORT: String(FIRST_GRPC_PORT + index),
          ...testServiceEnvironment(service.name),
          ...auth,
          LOG_LEVEL: 'warn',
          CLOCK_CONTROL: 'enabled',
          SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
          WEBHOOK_RETRY_BASE_MS: '200',
          // The webhook receiver is a local http server: the local-development settings allow it.
          WEBHOOK_HTTP_URLS: 'local-development',
          WEBHOOK_EGRESS_ALLOWED_CIDRS: '127.0.0.1/32',
          ...(service.name === 'notification-service' ? documentAccess : {}),
        },
      }),
    );
  });
  api = new BillingApiClient(urls as unknown as ConstructorParameters<typeof BillingApiClient>[0], await testToken('project_manager'));
  asFinance = api.as(await testToken('finance'));
  asAdmin = api.as(await testToken('admin'));
  LOCAL_SERVICES.forEach((service, index) => {
    const name = service.name.replace('-service', '') as GrpcApiName;
    grpc[name] = GrpcTestClient.connect(GRPC_APIS[name], `127.0.0.1:${FIRST_GRPC_PORT + index}`);
  });
  await Promise.all(
    LOCAL_SERVICES.map((service, index) => waitForReadiness(`http://127.0.0.1:${FIRST_PORT + index}`, children[index + 1], 120_000)),
  );
});

afterAll(async () => {
  for (const id of subscriptionIds) await asAdmin?.request('notification', 'DELETE', `/v1/webhook-subscriptions/${id}`);
  Object.values(grpc).forEach((client) => client.close());
  await Promise.all(children.map((child) => stopProcess(child, 20_000)));
  await new Promise<void>((resolve) => webhookServer?.close(() => resolve()));
});

describe('the milestone-to-cash journey', () => {
  const apEmail = `${uniqueName('ap')}@acme.example`;
  let clientId: string;
  let contractId: string;
  let milestones: Json[];
  let invoices: Json[];
  let webhookSecret: string;
  let asClient: BillingApiClient;

  const agencySchedule = (shares: number[], criteria = 'Signed-off checklist of deliverables') =>
    shares.map((bps, index) => ({
      title: ['Kickoff Deposit', 'UI Prototype', 'User Acceptance Testing', 'Launch Sign-off'][index] ?? `Milestone ${index + 1}`,
      acceptance_criteria: criteria,
      amount_bps: bps,
      billing_trigger: index === 0 ? 'on_signing' : 'on_approval',
      approval_window_days: 5,
    }));
  const aContract = (milestoneSchedule: Json[]) => ({
    client_id: clientId,
    title: 'Acme storefront rebuild',
    currency: 'usd',
    total_value_cents: 3_000_000,
    net_days: 15,
    purchase_order_ref: 'PO-7781',
    milestones: milestoneSchedule,
  });
  const financialStatus = () => api.expect<Json>(200, 'invoicing', 'GET', `/v1/contracts/${contractId}/financial-status`);
  const milestone = (index: number) => milestones.find((candidate) => candidate.milestone_index === index) as Json;
  const invoiceOf = (index: number) => invoices.find((candidate) => candidate.milestone_index === index) as Json;
  const refreshMilestones = async () =>
    (milestones = (await api.expect<{ data: Json[] }>(200, 'milestone', 'GET', `/v1/contracts/${contractId}/milestones`)).data);
  const refreshInvoices = async () => (invoices = (await api.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/invoices?contract_id=${contractId}`)).data);

  it('1. creates a client and checks a schedule\'s health before accepting it', async () => {
    clientId = (
      await api.expect<Json>(201, 'contract', 'POST', '/v1/clients', {
        name: 'Acme Corp',
        ap_contact_email: apEmail,
        // who it is on an e-invoice: where its invoices are addressed and its Peppol participant id
        billing_address: { street: '1 Market Street', city: 'San Francisco', postal_code: '94105', country_code: 'US' },
        peppol_participant: '0060:123456789',
      })
    ).id;
    expect(clientId).toMatch(/^cli_/);
    asClient = api.as(await testToken({ role: 'client', clientId }));

    // a schedule adding up to 99 % is refused, naming the rule
    const refused = await api.request<Json>('contract', 'POST', '/v1/contracts', aContract(agencySchedule([2500, 3500, 2500, 1400])));
    expect(refused.status).toBe(422);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.body.code).toBe('schedule.amounts_do_not_add_up');

    // a 65 % final milestone is accepted with a warning; so are subjective criteria
    const backloaded = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', aContract(agencySchedule([2500, 500, 500, 6500])));
    expect(backloaded.warnings.map((warning: Json) => warning.code)).toContain('backloaded_final_milestone');
    const subjective = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', aContract(agencySchedule([2500, 3500, 2500, 1500], 'Upon client satisfaction')));
    expect(subjective.warnings.map((warning: Json) => warning.code)).toContain('subjective_acceptance_criteria');

    // percentages that do not divide evenly still add up to the exact total
    const uneven = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
      ...aContract(agencySchedule([3333, 3333, 3334])),
      total_value_cents: 1_000_001,
    });
    expect(uneven.milestones.reduce((sum: number, item: Json) => sum + item.amount_cents, 0)).toBe(1_000_001);
  });

  it('2. activates the agency contract: 25/35/25/15 of USD 30,000.00', async () => {
    // the client's own systems subscribe with the client's token: they will hear of its events only
    const subscription = await asClient.expect<Json>(201, 'notification', 'POST', '/v1/webhook-subscriptions', {
      url: `http://127.0.0.1:${WEBHOOK_PORT}/hooks`,
      events: ['invoice.issued'],
    });
    expect(subscription).toMatchObject({ client_id: clientId, secret: expect.stringMatching(/^whsec_/) });
    // while the supplier's ERP (a service) hears of every client's
    const everyClients = await api
      .as(await testToken('service'))
      .expect<Json>(201, 'notification', 'POST', '/v1/webhook-subscriptions', { url: `http://127.0.0.1:${WEBHOOK_PORT}/all-hooks`, events: ['invoice.issued'] });
    subscriptionIds.push(subscription.id, everyClients.id);
    webhookSecret = subscription.secret;
    const contract = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', aContract(agencySchedule([2500, 3500, 2500, 1500])));
    contractId = contract.id;
    expect(contract.milestones.map((item: Json) => item.amount_cents)).toEqual([750_000, 1_050_000, 750_000, 450_000]);
    const active = await api.expect<Json>(200, 'contract', 'POST', `/v1/contracts/${contractId}/activate`);
    expect(active.status).toBe('active');
  });

  it('3. creates the milestones from contract.activated and bills the deposit at once', async () => {
    await waitFor(refreshMilestones, (list) => list.length === 4, 'four milestones');
    await waitFor(refreshMilestones, () => ['triggered_for_disbursement', 'invoiced'].includes(milestone(1).status), 'the deposit to be billable');
    expect(milestone(2).status).toBe('planned');

    // an illegal transition is refused and changes nothing
    const illegal = await asClient.request<Json>('milestone', 'POST', `/v1/milestones/${milestone(3).id}/approve`);
    expect(illegal.status).toBe(409);
    expect(illegal.contentType).toContain('application/problem+json');
    expect(illegal.body.code).toBe('milestone.illegal_transition');
    await refreshMilestones();
    expect(milestone(3).status).toBe('planned');
  });

  it('4. moves milestone 2 through work, evidence and client approval to billable, over gRPC', async () => {
    // the project manager's tool and the client's portal speak gRPC, each with its own token; REST sees the same milestone
    const id = milestone(2).id;
    const milestoneGrpc = `127.0.0.1:${FIRST_GRPC_PORT + LOCAL_SERVICES.findIndex((service) => service.name === 'milestone-service')}`;
    const projectManager = GrpcTestClient.connect(GRPC_APIS.milestone, milestoneGrpc, 'project_manager');
    const theClient = GrpcTestClient.connect(GRPC_APIS.milestone, milestoneGrpc, { role: 'client', clientId });
    let approved: Json;
    try {
      expect((await projectManager.call('StartMilestone', { milestone_id: id })).milestone.status).toBe('MILESTONE_STATUS_IN_PROGRESS');
      const submitted = (await projectManager.call('SubmitMilestone', { milestone_id: id, evidence_url: 'https://example.com/prototype' })).milestone;
      expect(submitted.status).toBe('MILESTONE_STATUS_SUBMITTED');
      // the project manager may not approve their own work: that is the client's word
      expect((await projectManager.refusal('ApproveMilestone', { milestone_id: id })).errorCode).toBe('auth.role_not_allowed');
      approved = (await theClient.call('ApproveMilestone', { milestone_id: id })).milestone;
    } finally {
      [projectManager, theClient].forEach((client) => client.close());
    }
    expect(['MILESTONE_STATUS_TRIGGERED_FOR_DISBURSEMENT', 'MILESTONE_STATUS_INVOICED']).toContain(approved.status);
    await refreshMilestones();
    expect(['triggered_for_disbursement', 'invoiced']).toContain(milestone(2).status);
  });

  it('5. issues invoices 1 and 2 with gapless numbers, due on net-15, with a PDF', async () => {
    await waitFor(refreshInvoices, () => [1, 2].every((index) => invoiceOf(index)?.status === 'open'), 'invoices 1 and 2 to be issued');
    const [first, second] = [invoiceOf(1), invoiceOf(2)];
    for (const invoice of [first, second]) {
      expect(invoice.number).toMatch(/^INV-\d{4}-\d{6}$/);
      expect(invoice.due_date).toBe(addDays(invoice.issue_date, 15));
      expect(invoice.contract_id).toBe(contractId);
    }
    const sequence = (invoice: Json) => Number(invoice.number.slice(-6));
    expect(Math.abs(sequence(second) - sequence(first))).toBe(1);
    expect(first.amount_due_cents).toBe(750_000);
    expect(second.amount_due_cents).toBe(1_050_000);

    const pdf = await api.request<Buffer>('invoicing', 'GET', `/v1/invoices/${first.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.contentType).toContain('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.body.toString('latin1')).toContain(first.number);

    // and each is an e-invoice too: UBL 2.1 (Peppol BIS Billing 3.0) with its number, PO and amount due
    const ubl = await asClient.request<Buffer>('invoicing', 'GET', `/v1/invoices/${first.id}/ubl`);
    expect(ubl.status).toBe(200);
    expect(ubl.contentType).toContain('application/xml');
    const xml = ubl.body.toString('utf8');
    expect(xml).toContain('<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>');
    expect(xml).toContain(`<cbc:ID>${first.number}</cbc:ID>`);
    expect(xml).toContain('<cac:OrderReference>\n    <cbc:ID>PO-7781</cbc:ID>');
    expect(xml).toContain('<cbc:PayableAmount currencyID="USD">7500.00</cbc:PayableAmount>');
    expect(xml).toContain('<cbc:EndpointID schemeID="0060">123456789</cbc:EndpointID>');
    expect(xml).toContain('<cbc:IdentificationCode>US</cbc:IdentificationCode>');
  });

  it('6. emails the AP contact once per invoice and posts the signed event to the subscriber, retrying its failure', async () => {
    const numbers = [invoiceOf(1).number, invoiceOf(2).number];
    const mails = await waitFor(mailbox, (all) => numbers.every((number) => all.some((mail) => mail.to.includes(apEmail) && mail.subject.includes(number))), 'both invoice emails');
    for (const number of numbers) expect(mails.filter((mail) => mail.to.includes(apEmail) && mail.subject.includes(number))).toHaveLength(1);
    // each with its invoice as a PDF attachment, fetched from invoicing by notification-service
    for (const invoice of [invoiceOf(1), invoiceOf(2)]) {
      const [mail] = mails.filter((candidate) => candidate.to.includes(apEmail) && candidate.subject.includes(invoice.number));
      expect(mail.attachments).toEqual([{ filename: `${invoice.number}.pdf`, contentType: 'application/pdf', size: expect.any(Number), firstBytes: expect.stringMatching(/^%PDF-/) }]);
    }

    const delivered = await waitFor(
      async () => webhookCalls.filter((call) => call.path === '/hooks' && call.answered === 200 && JSON.parse(call.body).data.contract_id === contractId),
      (calls) => calls.length === 2,
      'both invoice.issued webhooks delivered',
    );
    expect(webhookCalls[0].answered).toBe(500); // the first attempt failed and was retried
    // the client's subscription carries its own client's events only
    expect(webhookCalls.filter((call) => call.path === '/hooks').map((call) => JSON.parse(call.body).data.client_id)).toEqual(expect.arrayContaining([clientId]));
    expect(webhookCalls.filter((call) => call.path === '/hooks' && JSON.parse(call.body).data.client_id !== clientId)).toEqual([]);
    // Standard Webhooks, as its reference library (standardwebhooks) verifies a delivery
    const verifier = new Webhook(webhookSecret);
    for (const call of delivered) {
      const envelope = JSON.parse(call.body);
      expect(envelope.event).toBe('invoice.issued');
      expect(call.headers['webhook-id']).toBe(envelope.id);
      expect(call.headers['webhook-signature']).toMatch(/^v1,/);
      expect(Number(call.headers['webhook-timestamp'])).toBeGreaterThan(0);
      expect(verifier.verify(call.body, call.headers as Record<string, string>)).toEqual(envelope);
    }
  });

  it('7. shows where the contract stands, adding up, to the client too and to no other client', async () => {
    const status = await financialStatus();
    expect(await asClient.expect<Json>(200, 'invoicing', 'GET', `/v1/contracts/${contractId}/financial-status`)).toEqual(status);
    const anotherClient = api.as(await testToken({ role: 'client', clientId: 'cli_01ANOTHERCLIENT0000000000' }));
    for (const [service, path] of [['invoicing', `/v1/contracts/${contractId}/financial-status`], ['contract', `/v1/contracts/${contractId}`], ['invoicing', `/v1/invoices/${invoiceOf(1).id}`]] as const) {
      expect((await anotherClient.request<Json>(service, 'GET', path)).status).toBe(404);
    }
    expect((await anotherClient.expect<{ data: Json[] }>(200, 'milestone', 'GET', `/v1/contracts/${contractId}/milestones`)).data).toEqual([]);
    expect(status).toMatchObject({ total_value_cents: 3_000_000, billed_cents: 1_800_000, paid_cents: 0, outstanding_cents: 1_800_000, unbilled_cents: 1_200_000 });
    financialStatusAddsUp(status);
  });

  it('8. applies a payment covering invoice 1 once, even when it is sent twice: invoice paid, milestone 1 paid', async () => {
    const body = { invoice_id: invoiceOf(1).id, amount_cents: 750_000, currency: 'usd' };
    const key = { 'idempotency-key': uniqueName('payment') };
    const payment = await asFinance.expect<Json>(201, 'invoicing', 'POST', '/v1/payments', body, key);
    expect(payment.id).toMatch(/^pay_/);
    // a client retrying after a timeout gets the same payment back, not a second one
    const retried = await asFinance.expect<Json>(201, 'invoicing', 'POST', '/v1/payments', body, key);
    expect(retried.id).toBe(payment.id);
    await waitFor(refreshInvoices, () => invoiceOf(1).status === 'paid', 'invoice 1 to be paid');
    await waitFor(refreshMilestones, () => milestone(1).status === 'paid', 'milestone 1 to be paid');
    const status = await financialStatus();
    expect(status).toMatchObject({ billed_cents: 1_800_000, paid_cents: 750_000, outstanding_cents: 1_050_000 });
    financialStatusAddsUp(status);
  });

  it('9. chases invoice 2 once it is overdue, and closes the case when it is paid', async () => {
    // (The journey's first webhook attempt fails on purpose, opening its subscription's failing
    // streak until the retry is recorded. Days jumped before that would run the streak's three
    // days out at once and disable the subscription, as no accepted delivery had ended it.)
    await waitFor(
      async () => (await asAdmin.expect<{ data: Json[] }>(200, 'notification', 'GET', '/v1/webhook-subscriptions')).data,
      (list) => list.filter((subscription) => subscriptionIds.includes(subscription.id)).every((subscription) => subscription.failing_since === null),
      'no failing streak left on the journey\'s subscriptions',
    );
    // when time moves past invoice 2's due date (every service's clock)
    await asAdmin.travelTo(new Date(`${addDays(invoiceOf(2).due_date, 1)}T09:00:00Z`));
    // then collections opens a case for the client at the first dunning stage
    const cases = await waitFor(
      async () => (await api.expect<{ data: Json[] }>(200, 'collections', 'GET', `/v1/cases?client_id=${clientId}`)).data,
      (list) => list.some((item) => item.status === 'open'),
      'a collections case',
    );
    expect(cases.filter((item) => item.status === 'open')).toHaveLength(1);
    expect(cases[0].stage).toBe('friendly_reminder');
    // and the AP contact gets a reminder
    await waitFor(mailbox, (all) => all.filter((mail) => mail.to.includes(apEmail)).length >= 3, 'the reminder email');

    // when the balance is paid, the case closes
    await asFinance.expect(201, 'invoicing', 'POST', '/v1/payments', { invoice_id: invoiceOf(2).id, amount_cents: 1_050_000, currency: 'usd' }, { 'idempotency-key': uniqueName('payment') });
    await waitFor(
      async () => (await api.expect<{ data: Json[] }>(200, 'collections', 'GET', `/v1/cases?client_id=${clientId}`)).data,
      (list) => list.every((item) => item.status === 'closed'),
      'the case to close',
    );
    const status = await financialStatus();
    expect(status).toMatchObject({ billed_cents: 1_800_000, paid_cents: 1_800_000, outstanding_cents: 0, unbilled_cents: 1_200_000 });
    financialStatusAddsUp(status);

    // and invoice.overdue was announced exactly once for invoice 2, by its overdue timer
    const overdue = await readEvents('invoice.overdue', (data) => data.invoice_id === invoiceOf(2).id);
    expect(overdue).toHaveLength(1);
  });
});

describe('the acceptance check over gRPC alone', () => {
  // "A gRPC client creates a contract, approves a milestone and reads the invoice that results."
  let contractId: string;
  let milestones: Json[];

  it('creates a client and a contract, and activates it', async () => {
    const { client } = await grpc.contract.call('CreateClient', { name: 'Globex Corp', ap_contact_email: `${uniqueName('ap')}@globex.example` });
    expect(client.id).toMatch(/^cli_/);
    const { contract } = await grpc.contract.call('CreateContract', {
      client_id: client.id,
      title: 'Globex data platform',
      currency: 'usd',
      total_value_cents: 1_000_000,
      net_days: 30,
      purchase_order_ref: 'PO-GX-1',
      milestones: [
        { title: 'Deposit', acceptance_criteria: 'Contract countersigned', amount_bps: 3000, billing_trigger: 'BILLING_TRIGGER_ON_SIGNING' },
        { title: 'Pipeline live', acceptance_criteria: 'Nightly load runs green for a week', amount_bps: 7000, billing_trigger: 'BILLING_TRIGGER_ON_APPROVAL', approval_window_days: 5 },
      ],
    });
    contractId = contract.id;
    expect(contract.milestones.map((item: Json) => item.amount_cents)).toEqual([300_000, 700_000]);
    const { contract: active } = await grpc.contract.call('ActivateContract', { contract_id: contractId });
    expect(active.status).toBe('CONTRACT_STATUS_ACTIVE');
  });

  it('approves the second milestone', async () => {
    milestones = await waitFor(
      async () => (await grpc.milestone.call('ListMilestones', { contract_id: contractId })).milestones as Json[],
      (list) => list.length === 2,
      'the two milestones',
    );
    const id = milestones[1].id;
    await grpc.milestone.call('StartMilestone', { milestone_id: id });
    await grpc.milestone.call('SubmitMilestone', { milestone_id: id, evidence_url: 'https://globex.example/runs' });
    const approved = (await grpc.milestone.call('ApproveMilestone', { milestone_id: id })).milestone;
    expect(approved).toMatchObject({ milestone_index: 2, amount_cents: 700_000 });
    expect(approved.approved_at).toEqual(expect.objectContaining({ seconds: expect.any(Number) }));
  });

  it('reads the invoice that results, and pays it', async () => {
    // the approval became a billing trigger, which invoicing issued
    const invoices = await waitFor(
      async () => (await grpc.invoicing.call('ListInvoices', { contract_id: contractId })).invoices as Json[],
      (list) => list.find((invoice) => invoice.milestone_index === 2)?.status === 'INVOICE_STATUS_OPEN',
      'the invoice of milestone 2 to be issued',
    );
    const issued = invoices.find((invoice) => invoice.milestone_index === 2) as Json;
    expect(issued).toMatchObject({
      number: expect.stringMatching(/^INV-\d{4}-\d{6}$/),
      contract_id: contractId,
      milestone_id: milestones[1].id,
      milestone_title: 'Pipeline live',
      purchase_order_ref: 'PO-GX-1',
      total_cents: 700_000,
      amount_due_cents: 700_000,
    });
    expect(issued.due_date).toBe(addDays(issued.issue_date, 30));
    expect((await grpc.invoicing.call('GetInvoice', { invoice_id: issued.id })).invoice).toEqual(issued);

    // and a payment over gRPC settles it, and the milestone follows
    const { invoice } = await grpc.invoicing.call('RecordPayment', { invoice_id: issued.id, amount_cents: 700_000, currency: 'usd' }, { metadata: { 'idempotency-key': `pay-${issued.id}` } });
    expect(invoice).toMatchObject({ status: 'INVOICE_STATUS_PAID', amount_due_cents: 0 });
    await waitFor(
      async () => (await grpc.milestone.call('GetMilestone', { milestone_id: milestones[1].id })).milestone as Json,
      (found) => found.status === 'MILESTONE_STATUS_PAID',
      'milestone 2 to be paid',
    );
  });

  it("keeps Globex's invoice away from the journey client's webhook subscription, while the service's one hears of it", async () => {
    // given Globex's invoice.issued delivered to the supplier's every-client subscription
    const [call] = await waitFor(
      async () => webhookCalls.filter((candidate) => candidate.path === '/all-hooks' && JSON.parse(candidate.body).data.contract_id === contractId),
      (calls) => calls.length >= 1,
      "Globex's invoice.issued at the every-client subscription",
    ).catch(async (error: Error) => {
      // What notification-service made of the contract's invoice.issued events, for whoever reads the failure.
      const issued = await readEvents('invoice.issued', (data) => data.contract_id === contractId);
      const deliveries = await Promise.all(issued.map((event) => api.request<Json>('notification', 'GET', `/v1/deliveries?event_id=${event.id}`)));
      const subscriptions = await asAdmin.request<Json>('notification', 'GET', '/v1/webhook-subscriptions');
      throw new Error(`${error.message}\ninvoice.issued events: ${JSON.stringify(issued.map((event) => event.id))}\ntheir deliveries: ${JSON.stringify(deliveries.map((answer) => answer.body))}\nsubscriptions: ${JSON.stringify(subscriptions.body)}`);
    });
    // then the event planned no delivery to the journey client's subscription (both are planned in one transaction)
    const deliveries = await api.expect<{ data: Json[] }>(200, 'notification', 'GET', `/v1/deliveries?event_id=${JSON.parse(call.body).id}`);
    const webhookRecipients = deliveries.data.filter((delivery) => delivery.channel === 'webhook').map((delivery) => delivery.recipient);
    expect(webhookRecipients).toEqual([`http://127.0.0.1:${WEBHOOK_PORT}/all-hooks`]);
  });
});

describe('a planned milestone: advance notice, delay, a moved date (issue 9, items 4 and 5)', () => {
  // Planned well past every instant the journey above moved the clocks to, so that this runs after it.
  const planned = addDays(new Date().toISOString().slice(0, 10), 400);
  const apEmail = `${uniqueName('ap')}@initech.example`;
  let milestoneId: string;

  it("tells the client's AP contact a fortnight ahead what is coming, how much, and when it will be due", async () => {
    // given a net-30 contract with a 14-day notice, its second milestone planned for that date
    const client = await api.expect<Json>(201, 'contract', 'POST', '/v1/clients', { name: 'Initech', ap_contact_email: apEmail });
    const contract = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
      client_id: client.id,
      title: 'Initech billing portal',
      currency: 'usd',
      total_value_cents: 2_000_000,
      net_days: 30,
      advance_notice_days: 14,
      milestones: [
        { title: 'Deposit', acceptance_criteria: 'Contract countersigned', amount_bps: 2500, billing_trigger: 'on_signing' },
        { title: 'Portal live', acceptance_criteria: 'Invoices visible to every customer', amount_bps: 7500, billing_trigger: 'on_approval', approval_window_days: 5, planned_date: planned },
      ],
    });
    expect(contract.advance_notice_days).toBe(14);
    await api.expect(200, 'contract', 'POST', `/v1/contracts/${contract.id}/activate`);
    const milestones = await waitFor(
      async () => (await api.expect<{ data: Json[] }>(200, 'milestone', 'GET', `/v1/contracts/${contract.id}/milestones`)).data,
      (list) => list.length === 2,
      'the two milestones',
    );
    milestoneId = milestones[1].id;
    expect(milestones[1]).toMatchObject({ planned_date: planned, advance_notice_days: 14 });

    // when every clock reaches 14 days before the planned date
    await asAdmin.travelTo(new Date(`${addDays(planned, -14)}T06:00:00Z`));

    // then the AP contact gets the advance notice (besides the deposit's invoice), with the expected invoice and due dates
    const isNotice = (mail: { to: string[]; subject: string }) => mail.to.includes(apEmail) && mail.subject.startsWith('Advance notice');
    const [notice] = (await waitFor(mailbox, (all) => all.some(isNotice), 'the advance notice email')).filter(isNotice);
    expect(notice.subject).toBe(`Advance notice: Initech billing portal, milestone 2 (15,000.00 USD) expected to be invoiced ${planned}`);
    expect(notice.text).toContain(`Expected due date:      ${addDays(planned, 30)} (net 30 days)`);
    expect(notice.text).toContain('(in 14 days)');
  });

  it('announces the milestone late once its date passes unsubmitted, and moves the date with a reason', async () => {
    // when the clocks pass the planned date with the work not handed over
    await asAdmin.travelTo(new Date(`${addDays(planned, 1)}T06:00:00Z`));
    // then milestone.delayed is published, once, a day late
    await waitFor(
      async () => (await api.expect<Json>(200, 'milestone', 'GET', `/v1/milestones/${milestoneId}`)).delay_announced_for,
      (announced) => announced === planned,
      'the delay to be announced',
    );
    const delays = await readEvents('milestone.delayed', (data) => data.milestone_id === milestoneId);
    expect(delays.map((delay) => [delay.data.planned_date, delay.data.days_late, delay.data.status])).toEqual([[planned, 1, 'planned']]);

    // when the project manager moves the date a month on
    const moved = await api.expect<Json>(200, 'milestone', 'PATCH', `/v1/milestones/${milestoneId}`, { planned_date: addDays(planned, 31), reason: 'Waiting for the client SSO.' });
    // then the delay is cleared and the move kept
    expect(moved).toMatchObject({ planned_date: addDays(planned, 31), delay_announced_for: null });
    const history = await api.expect<{ data: Json[] }>(200, 'milestone', 'GET', `/v1/milestones/${milestoneId}/planned-date-changes`);
    expect(history.data).toEqual([expect.objectContaining({ from_date: planned, to_date: addDays(planned, 31), reason: 'Waiting for the client SSO.' })]);
  });
});



describe('a milestone billed on its date (issue 9, item 6)', () => {
  // Past every instant the blocks above moved the clocks to, so that this runs after them.
  const billingDate = addDays(new Date().toISOString().slice(0, 10), 500);

  it("is invoiced at the start of its planned date in the client's time zone, whatever the state of its work, the invoice dated that day", async () => {
    // given a Los Angeles client's net-30 contract whose second milestone is billed on_date, its work never started
    const client = await api.expect<Json>(201, 'contract', 'POST', '/v1/clients', {
      name: 'Initech',
      ap_contact_email: `${uniqueName('ap')}@initech.example`,
      time_zone: 'America/Los_Angeles',
    });
    expect(client.time_zone).toBe('America/Los_Angeles');
    const contract = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
      client_id: client.id,
      title: 'Initech retainer',
      currency: 'usd',
      total_value_cents: 1_000_000,
      net_days: 30,
      milestones: [
        { title: 'Deposit', acceptance_criteria: 'Contract countersigned', amount_bps: 3000, billing_trigger: 'on_signing' },
        { title: 'Quarter 2', acceptance_criteria: 'Quarter 2 services rendered', amount_bps: 7000, billing_trigger: 'on_date', planned_date: billingDate },
      ],
    });
    await api.expect(200, 'contract', 'POST', `/v1/contracts/${contract.id}/activate`);
    const invoicesOf = async () => (await api.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/invoices?contract_id=${contract.id}`)).data;
    await waitFor(invoicesOf, (list) => list.some((invoice) => invoice.milestone_index === 1 && invoice.status === 'open'), 'the deposit invoiced');

    // when every clock passes the billing date by two days
    await asAdmin.travelTo(new Date(`${addDays(billingDate, 2)}T06:00:00Z`));

    // then milestone 2 is invoiced, the invoice dated its planned date (in Los Angeles) and due 30 days after
    const invoices = await waitFor(invoicesOf, (list) => list.some((invoice) => invoice.milestone_index === 2 && invoice.status === 'open'), 'milestone 2 invoiced on its date');
    expect(invoices.find((invoice) => invoice.milestone_index === 2)).toMatchObject({ issue_date: billingDate, due_date: addDays(billingDate, 30), amount_due_cents: 700_000 });
    // and the milestone went from planned to billed at midnight of its date in Los Angeles, never announced late
    const updates = await readEvents('milestone.status_updated', (data) => data.contract_id === contract.id && data.milestone_index === 2);
    expect(updates.map((event) => [event.data.previous_status ?? null, event.data.status])).toEqual(
      expect.arrayContaining([['planned', 'triggered_for_disbursement']]),
    );
    const triggered = updates.find((event) => event.data.status === 'triggered_for_disbursement');
    expect(triggered?.data.occurred_at).toBe(startOfDayIn(billingDate, 'America/Los_Angeles').toISOString());
    const delays = await readEvents('milestone.delayed', (data) => data.contract_id === contract.id);
    expect(delays).toEqual([]);
  });
});

describe('time: advance notice, approval window, deemed acceptance and a delay, for a client in Los Angeles (issue 9)', () => {
  // Past every instant the blocks above moved the clocks to, so that this runs after them.
  const planned = addDays(new Date().toISOString().slice(0, 10), 600);
  const zone = 'America/Los_Angeles';
  const apEmail = `${uniqueName('ap')}@globex.example`;
  const approverEmail = `${uniqueName('pm')}@globex.example`;
  let contractId: string;
  let asGlobex: BillingApiClient;
  let second: Json;
  let third: Json;

  const milestonesOf = async () => (await api.expect<{ data: Json[] }>(200, 'milestone', 'GET', `/v1/contracts/${contractId}/milestones`)).data;
  const mailTo = async (recipient: string, subjectStart: string) =>
    (await mailbox()).filter((mail) => mail.to.includes(recipient) && mail.subject.startsWith(subjectStart));

  it('signs a contract whose milestones deem silence acceptance after 3 calendar days, for a client in Los Angeles', async () => {
    const client = await api.expect<Json>(201, 'contract', 'POST', '/v1/clients', { name: 'Globex', ap_contact_email: apEmail, approver_email: approverEmail, time_zone: zone });
    expect(client).toMatchObject({ time_zone: zone, approver_email: approverEmail });
    asGlobex = api.as(await testToken({ role: 'client', clientId: client.id }));
    const contract = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
      client_id: client.id,
      title: 'Globex data platform',
      currency: 'usd',
      total_value_cents: 4_000_000,
      net_days: 30,
      milestones: [
        { title: 'Deposit', acceptance_criteria: 'Contract countersigned', amount_bps: 2500, billing_trigger: 'on_signing' },
        {
          title: 'Ingestion live',
          acceptance_criteria: 'Nightly loads of the 4 agreed sources green for a week',
          amount_bps: 4000,
          billing_trigger: 'on_approval',
          planned_date: planned,
          approval_window_days: 3,
          deemed_acceptance: true,
        },
        {
          title: 'Dashboards live',
          acceptance_criteria: 'The 6 agreed dashboards published',
          amount_bps: 3500,
          billing_trigger: 'on_approval',
          planned_date: addDays(planned, 20),
          approval_window_days: 3,
          deemed_acceptance: true,
        },
      ],
    });
    contractId = contract.id;
    await api.expect(200, 'contract', 'POST', `/v1/contracts/${contractId}/activate`);
    [, second, third] = await waitFor(milestonesOf, (list) => list.length === 3, 'the three milestones');
  });

  it("tells the AP contact 7 days ahead, once that day has begun in Los Angeles", async () => {
    // when the clocks reach 06:00Z seven days before: still the day before in Los Angeles (23:00 PDT/22:00 PST), no notice yet
    await asAdmin.travelTo(new Date(`${addDays(planned, -7)}T06:00:00Z`));
    expect(await api.expect<Json>(200, 'milestone', 'GET', `/v1/milestones/${second.id}`)).toMatchObject({ due_soon_announced_for: null });
    // and then 09:00Z, past midnight there
    await asAdmin.travelTo(new Date(`${addDays(planned, -7)}T09:00:00Z`));
    const [notice] = await waitFor(() => mailTo(apEmail, 'Advance notice'), (found) => found.length >= 1, 'the advance notice');
    expect(notice.subject).toBe(`Advance notice: Globex data platform, milestone 2 (16,000.00 USD) expected to be invoiced ${planned}`);
    expect(notice.text).toContain('(in 7 days)');
  });

  it("asks the client's approver when the work is submitted, and reminds half-way through the window", async () => {
    // when milestone 2 is submitted on (planned - 7) in Los Angeles
    await api.expect(200, 'milestone', 'POST', `/v1/milestones/${second.id}/start`);
    const submitted = await api.expect<Json>(200, 'milestone', 'POST', `/v1/milestones/${second.id}/submit`, { evidence_url: 'https://globex.example/ingestion-report' });
    // then its window runs to the end of (planned - 4) there: it closes at local midnight, 07:00Z in summer or 08:00Z in winter
    const lastDay = addDays(planned, -4);
    expect(submitted.approval_due_at).toMatch(new RegExp(`^${addDays(planned, -3)}T0[78]:00:00.000Z$`));
    const [request] = await waitFor(() => mailTo(approverEmail, 'Approval requested'), (found) => found.length >= 1, 'the approval request');
    expect(request.subject).toBe(`Approval requested: Globex data platform, milestone 2 "Ingestion live" (answer by ${lastDay})`);
    expect(request.text).toContain('Evidence:            https://globex.example/ingestion-report');
    expect(request.text).toContain('is deemed accepted and invoiced');
    expect(await mailTo(apEmail, 'Approval requested')).toEqual([]);
    // when half the window passes
    await asAdmin.travelTo(new Date(`${addDays(planned, -5)}T12:00:00Z`));
    await waitFor(() => mailTo(approverEmail, 'Reminder: approval requested'), (found) => found.length >= 1, 'the half-window reminder');
  });

  it("deems the milestone accepted when the window closes, and invoices it dated by the client's calendar", async () => {
    // when the window closes unanswered
    await asAdmin.travelTo(new Date(`${addDays(planned, -3)}T09:00:00Z`));
    // then milestone 2 is approved as deemed accepted and invoiced, the invoice dated the day the window closed in Los Angeles
    const invoices = await waitFor(
      async () => (await api.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/invoices?contract_id=${contractId}`)).data,
      (list) => list.some((invoice) => invoice.milestone_index === 2 && invoice.status === 'open'),
      'milestone 2 invoiced',
    );
    expect(invoices.find((invoice) => invoice.milestone_index === 2)).toMatchObject({ issue_date: addDays(planned, -3), due_date: addDays(planned, 27), status: 'open' });
    const deemed = await api.expect<Json>(200, 'milestone', 'GET', `/v1/milestones/${second.id}`);
    expect(deemed).toMatchObject({ status: expect.stringMatching(/^(triggered_for_disbursement|invoiced)$/), deemed_accepted_at: expect.stringMatching(new RegExp(`^${addDays(planned, -3)}T0[78]`)) });
    const updates = await readEvents('milestone.status_updated', (data) => data.milestone_id === second.id && data.status === 'approved');
    expect(updates.map((event) => event.data.reason)).toEqual(['deemed_accepted']);
    // and the approver's answer after it is refused with a 409 saying why
    const late = await asGlobex.request<Json>('milestone', 'POST', `/v1/milestones/${second.id}/approve`);
    expect([late.status, late.body.code]).toEqual([409, 'milestone.deemed_accepted']);
  });

  it('announces milestone 3 late, once, when its date passes in Los Angeles without the work', async () => {
    const plannedThird = addDays(planned, 20);
    // when the clocks pass its date by a day, then by three
    await asAdmin.travelTo(new Date(`${addDays(plannedThird, 1)}T09:00:00Z`));
    await waitFor(
      async () => (await api.expect<Json>(200, 'milestone', 'GET', `/v1/milestones/${third.id}`)).delay_announced_for,
      (announced) => announced === plannedThird,
      'the delay of milestone 3',
    );
    await asAdmin.travelTo(new Date(`${addDays(plannedThird, 3)}T09:00:00Z`));
    // then milestone.delayed was published once, a day late
    const delays = await readEvents('milestone.delayed', (data) => data.milestone_id === third.id);
    expect(delays.map((delay) => [delay.data.planned_date, delay.data.days_late])).toEqual([[plannedThird, 1]]);
  });
});
