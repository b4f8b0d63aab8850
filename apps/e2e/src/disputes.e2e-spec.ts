import type { ChildProcess } from 'node:child_process';
import { BillingApiClient, LOCAL_SERVICES, startServiceProcess, stopProcess, waitFor, waitForReadiness } from '@mb/devstack';
import { e2ePort, testAuthEnvironment, testServiceEnvironment, testServiceLogFile, testToken, uniqueName } from '@mb/testing';

// Issue 11 item 3 "Disputes", across services: the contract, milestone, invoicing and collections
// services started from their build and driven through their public REST APIs. A client disputes
// part of an invoice; finance upholds it and invoicing credits the invoice by a credit note; a
// second dispute is rejected and nothing is credited; a third is withdrawn by the client (issue 15).

// Apart from the foundation test (41xx), the journey (42xx), billing holds (43xx), the
// authorization walk (44xx) and retainage (47xx); MB_E2E_PORT_OFFSET moves them all.
const FIRST_PORT = e2ePort(4851);
const FIRST_GRPC_PORT = e2ePort(4861);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SERVICES = LOCAL_SERVICES.filter((service) => ['contract-service', 'milestone-service', 'invoicing-service', 'collections-service'].includes(service.name));

let children: ChildProcess[] = [];
let api: BillingApiClient;

beforeAll(async () => {
  const auth = await testAuthEnvironment();
  const urls: Record<string, string> = {};
  children = SERVICES.map((service, index) => {
    urls[service.name.replace('-service', '')] = `http://127.0.0.1:${FIRST_PORT + index}`;
    return startServiceProcess({
      serviceName: service.name,
      logFile: testServiceLogFile(service.name),
      env: { HTTP_PORT: String(FIRST_PORT + index), GRPC_PORT: String(FIRST_GRPC_PORT + index), ...testServiceEnvironment(service.name), ...auth, LOG_LEVEL: 'warn' },
    });
  });
  await Promise.all(SERVICES.map((service, index) => waitForReadiness(`http://127.0.0.1:${FIRST_PORT + index}`, children[index], 120_000)));
  api = new BillingApiClient(urls as unknown as ConstructorParameters<typeof BillingApiClient>[0], await testToken('project_manager'));
});

afterAll(async () => {
  await Promise.all(children.map((child) => stopProcess(child, 20_000)));
});

describe('a disputed invoice', () => {
  let asClient: BillingApiClient;
  let asFinance: BillingApiClient;
  let invoice: Json;

  const invoiceNow = () => api.expect<Json>(200, 'invoicing', 'GET', `/v1/invoices/${invoice.id}`);
  const creditNotes = async () => (await api.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/credit-notes?invoice_id=${invoice.id}`)).data;
  const resolve = (disputeId: string, body: Json) =>
    asFinance.expect<Json>(200, 'collections', 'POST', `/v1/disputes/${disputeId}/resolution`, body, { 'idempotency-key': uniqueName('resolution') });
  /** Opens a dispute as the client, once collections has heard of the invoice (404 until invoice.issued reaches it). */
  const dispute = (body: Json) =>
    waitFor(
      () => asClient.request<Json>('collections', 'POST', `/v1/invoices/${invoice.id}/disputes`, body, { 'idempotency-key': uniqueName('dispute') }),
      (response) => response.status !== 404,
      'collections to know the invoice',
    );

  it('1. is issued: a deposit of 5,000.00 billed on signing', async () => {
    const client = await api.expect<Json>(201, 'contract', 'POST', '/v1/clients', { name: 'Initech', ap_contact_email: `${uniqueName('ap')}@initech.example` });
    asClient = api.as(await testToken({ role: 'client', clientId: client.id }));
    asFinance = api.as(await testToken('finance'));
    const contract = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
      client_id: client.id,
      title: 'Initech TPS portal',
      currency: 'usd',
      total_value_cents: 1_000_000,
      net_days: 30,
      milestones: ['Deposit', 'Go-live'].map((title, index) => ({
        title,
        acceptance_criteria: `${title} accepted in writing`,
        amount_bps: 5000,
        billing_trigger: index === 0 ? 'on_signing' : 'on_approval',
        approval_window_days: 5,
      })),
    });
    await api.expect(200, 'contract', 'POST', `/v1/contracts/${contract.id}/activate`);
    const invoices = await waitFor(
      async () => (await api.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/invoices?contract_id=${contract.id}`)).data,
      (list) => list.some((candidate) => candidate.milestone_index === 1 && candidate.status === 'open'),
      'the deposit invoiced',
    );
    invoice = invoices.find((candidate) => candidate.milestone_index === 1) as Json;
    expect(invoice).toMatchObject({ amount_due_cents: 500_000, in_dispute: false });
  });

  it('2. is disputed in part by the client, and shows in dispute at invoicing', async () => {
    const opened = await dispute({ amount_cents: 100_000, reason: 'The kickoff workshop was cancelled; we were billed for it.' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ invoice_id: invoice.id, amount_cents: 100_000, invoice_balance_cents: 500_000, status: 'open', opened_by: { role: 'client' } });
    await waitFor(invoiceNow, (found) => found.in_dispute === true, 'the invoice in dispute');

    // finance upholds it for the disputed amount
    const upheld = await resolve(opened.body.id, { outcome: 'upheld', note: 'Workshop cancelled by us; credited.' });
    expect(upheld).toMatchObject({ status: 'upheld', resolution: { outcome: 'upheld', credit_amount_cents: 100_000 } });
  });

  it('3. is credited by invoicing: one credit note with the dispute as its reason, the balance reduced', async () => {
    const [note] = await waitFor(creditNotes, (notes) => notes.length === 1, 'the credit note');
    expect(note).toMatchObject({ invoice_id: invoice.id, amount_credited_cents: 100_000 });
    expect(note.reason).toContain('upheld: The kickoff workshop was cancelled');
    const after = await waitFor(invoiceNow, (found) => found.in_dispute === false && found.amount_due_cents === 400_000, 'the balance reduced');
    expect(after).toMatchObject({ status: 'open', amount_credited_cents: 100_000, amount_due_cents: 400_000 });
  });

  it('4. is disputed again, rejected, and due again with nothing more credited', async () => {
    const opened = await dispute({ amount_cents: 50_000, reason: 'The hosting setup took a day, not two.' });
    expect(opened.status).toBe(201);
    await waitFor(invoiceNow, (found) => found.in_dispute === true, 'the invoice in dispute again');

    const rejected = await resolve(opened.body.id, { outcome: 'rejected', note: 'The setup log shows two days of work.' });
    expect(rejected).toMatchObject({ status: 'rejected', resolution: { outcome: 'rejected', credit_amount_cents: null } });

    const after = await waitFor(invoiceNow, (found) => found.in_dispute === false, 'the invoice out of dispute');
    expect(after).toMatchObject({ status: 'open', amount_due_cents: 400_000 });
    expect(await creditNotes()).toHaveLength(1);
    const listed = await asClient.expect<{ data: Json[] }>(200, 'collections', 'GET', '/v1/disputes');
    expect(listed.data.map((found) => found.status)).toEqual(['rejected', 'upheld']);
  });

  it('5. is disputed once more and withdrawn by the client (issue 15): out of dispute at invoicing, nothing credited', async () => {
    const opened = await dispute({ amount_cents: 25_000, reason: 'The travel day looks doubled.' });
    expect(opened.status).toBe(201);
    await waitFor(invoiceNow, (found) => found.in_dispute === true, 'the invoice in dispute once more');

    const withdrawn = await asClient.expect<Json>(200, 'collections', 'POST', `/v1/disputes/${opened.body.id}/withdraw`, { note: 'Our travel log agrees after all.' }, { 'idempotency-key': uniqueName('withdraw') });
    expect(withdrawn).toMatchObject({ status: 'withdrawn', resolution: null, withdrawal: { note: 'Our travel log agrees after all.', withdrawn_by: { role: 'client' } } });

    const after = await waitFor(invoiceNow, (found) => found.in_dispute === false, 'the invoice out of dispute after the withdrawal');
    expect(after).toMatchObject({ status: 'open', amount_due_cents: 400_000, payment_instructions: { method: 'bank_transfer', remittance_reference: invoice.number } });
    expect(await creditNotes()).toHaveLength(1);
  });
});
