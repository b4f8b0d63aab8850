import { BillingApiClient, waitFor } from '@mb/devstack';
import { e2ePort, readEvents, testToken, uniqueName } from '@mb/testing';
import { type BillingServices, startBillingServices } from './billing-services';

// Issue 10 item 3, done when "retainage released at final acceptance": the contract, milestone and
// invoicing services started from their build and driven through their public REST APIs. The
// contract withholds 10 %; approving its last milestone bills it and then the retainage, which
// milestone-service takes for no milestone's invoice, and which is paid like any invoice.

// Apart from the foundation test (41xx), the journey (42xx), billing holds (43xx) and the
// authorization walk (44xx); MB_E2E_PORT_OFFSET moves them all.
const FIRST_PORT = e2ePort(4701);
const FIRST_GRPC_PORT = e2ePort(4711);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let services: BillingServices;
let api: BillingApiClient;

beforeAll(async () => {
  services = await startBillingServices(FIRST_PORT, FIRST_GRPC_PORT);
  api = services.api;
});

afterAll(async () => {
  await services?.stop();
});

describe('retainage released at final acceptance', () => {
  let contractId: string;
  let milestones: Json[];
  let invoices: Json[];
  let asClient: BillingApiClient;
  let asFinance: BillingApiClient;

  const milestone = (index: number) => milestones.find((candidate) => candidate.milestone_index === index) as Json;
  const invoiceOf = (index: number) => invoices.find((candidate) => candidate.milestone_index === index) as Json;
  const release = () => invoices.find((candidate) => candidate.kind === 'retainage_release') as Json | undefined;
  const refreshMilestones = async () =>
    (milestones = (await api.expect<{ data: Json[] }>(200, 'milestone', 'GET', `/v1/contracts/${contractId}/milestones`)).data);
  const refreshInvoices = async () => (invoices = (await api.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/invoices?contract_id=${contractId}`)).data);
  const financialStatus = () => api.expect<Json>(200, 'invoicing', 'GET', `/v1/contracts/${contractId}/financial-status`);
  const post = (path: string, body?: unknown, as: BillingApiClient = api) => as.expect<Json>(200, 'milestone', 'POST', path, body);
  const pay = (invoice: Json, amountCents: number) =>
    asFinance.expect<Json>(201, 'invoicing', 'POST', '/v1/payments', { invoice_id: invoice.id, amount_cents: amountCents, currency: 'usd' }, { 'idempotency-key': uniqueName('payment') });

  it('1. signs a contract withholding 10 %, its deposit billed on signing with the retainage held back', async () => {
    const client = await api.expect<Json>(201, 'contract', 'POST', '/v1/clients', { name: 'Globex', ap_contact_email: `${uniqueName('ap')}@globex.example` });
    asClient = api.as(await testToken({ role: 'client', clientId: client.id }));
    asFinance = api.as(await testToken('finance'));
    const contract = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
      client_id: client.id,
      title: 'Globex data platform',
      currency: 'usd',
      total_value_cents: 1_000_000,
      net_days: 30,
      retainage_bps: 1000,
      milestones: ['Deposit', 'Go-live'].map((title, index) => ({
        title,
        acceptance_criteria: `${title} accepted in writing`,
        amount_bps: 5000,
        billing_trigger: index === 0 ? 'on_signing' : 'on_approval',
        approval_window_days: 5,
      })),
    });
    expect(contract).toMatchObject({ retainage_bps: 1000, retainage_release_date: null });
    contractId = contract.id;
    await api.expect(200, 'contract', 'POST', `/v1/contracts/${contractId}/activate`);
    await waitFor(refreshMilestones, (list) => list.length === 2, 'two milestones');
    await waitFor(refreshInvoices, () => invoiceOf(1)?.status === 'open', 'the deposit invoiced');
    expect(invoiceOf(1)).toMatchObject({ kind: 'milestone', total_cents: 500_000, retainage_cents: 50_000, amount_due_cents: 450_000 });
    expect(release()).toBeUndefined();
    expect(await financialStatus()).toMatchObject({ billed_cents: 500_000, retained_cents: 50_000, outstanding_cents: 450_000, unbilled_cents: 500_000 });
  });

  it('2. bills the retained amount in one more invoice once the client accepts the last milestone', async () => {
    const id = milestone(2).id;
    await post(`/v1/milestones/${id}/start`);
    await post(`/v1/milestones/${id}/submit`, { evidence_url: 'https://example.com/go-live' });
    await post(`/v1/milestones/${id}/approve`, undefined, asClient);

    await waitFor(refreshInvoices, () => invoiceOf(2)?.status === 'open' && release()?.status === 'open', 'the last milestone and its retainage billed');
    const released = release() as Json;
    expect(released).toMatchObject({
      kind: 'retainage_release',
      milestone_index: null,
      total_cents: 100_000,
      tax_cents: 0,
      retainage_cents: 0,
      amount_due_cents: 100_000,
      released_invoices: [
        { invoice_id: invoiceOf(1).id, invoice_number: invoiceOf(1).number, retainage_cents: 50_000 },
        { invoice_id: invoiceOf(2).id, invoice_number: invoiceOf(2).number, retainage_cents: 50_000 },
      ],
    });
    expect(Number(String(released.number).slice(-6))).toBe(Number(String(invoiceOf(2).number).slice(-6)) + 1);
    // milestone-service took the last invoice for milestone 2 and the release for no milestone's
    await waitFor(refreshMilestones, () => milestone(2).status === 'invoiced', 'milestone 2 invoiced');
    expect(milestone(1).status).toBe('invoiced');
    const status = await financialStatus();
    expect(status).toMatchObject({ billed_cents: 1_000_000, retained_cents: 0, released_cents: 100_000, paid_cents: 0, outstanding_cents: 1_000_000, unbilled_cents: 0 });
  });

  it('3. takes the release paid like any invoice, and the milestones paid by their own invoices', async () => {
    // the release is paid first: its invoice.paid is ahead of the milestones' on the contract's partition
    await pay(release() as Json, 100_000);
    await pay(invoiceOf(1), 450_000);
    await pay(invoiceOf(2), 450_000);
    await waitFor(refreshInvoices, () => invoices.every((invoice) => invoice.status === 'paid'), 'every invoice paid');
    await waitFor(refreshMilestones, () => milestones.every((candidate) => candidate.status === 'paid'), 'both milestones paid');
    // and no consumer gave up on the release's events (a dead letter is written before the
    // partition moves on, so it would be there by now)
    for (const topic of ['invoice.issued.dlt', 'invoice.paid.dlt']) expect(await readEvents(topic, (data) => data.contract_id === contractId)).toEqual([]);
    const status = await financialStatus();
    expect(status).toMatchObject({ billed_cents: 1_000_000, retained_cents: 0, released_cents: 100_000, paid_cents: 1_000_000, outstanding_cents: 0 });
    expect(status.retained_cents + status.paid_cents + status.credited_cents + status.written_off_cents + status.outstanding_cents).toBe(status.billed_cents);
  });
});

