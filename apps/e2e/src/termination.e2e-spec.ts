import { type BillingApiClient, waitFor } from '@mb/devstack';
import { e2ePort, testToken, uniqueName } from '@mb/testing';
import { type FiveServices, startFiveServices } from './five-services';

// Issue 14 items 2 and 3, done when "a termination test ends with the financial status balanced and
// no draft left": the five services started from their build with a real SMTP server process. A
// contract of four milestones, the deposit invoiced, the prototype approved but not billed yet, UAT
// in progress and the final sign-off planned, is terminated with UAT billed at an agreed 40 %: the
// prototype and 40 % of UAT are invoiced (and emailed), the final sign-off cancelled with its draft,
// the retainage released, and the financial status balances. A second contract, every milestone
// paid, completes.

// Apart from the foundation test (41xx), the journey (42xx), billing holds (43xx), the
// authorization walk (44xx), retainage (47xx) and reminders (48xx); MB_E2E_PORT_OFFSET moves them all.
const FIRST_PORT = e2ePort(5101);
const FIRST_GRPC_PORT = e2ePort(5111);
const SMTP_PORT = e2ePort(5125);
const MAIL_VIEW_PORT = e2ePort(5126);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let stack: FiveServices;
let api: BillingApiClient;
let asFinance: BillingApiClient;

beforeAll(async () => {
  stack = await startFiveServices({ firstPort: FIRST_PORT, firstGrpcPort: FIRST_GRPC_PORT, smtpPort: SMTP_PORT, mailViewPort: MAIL_VIEW_PORT });
  ({ api, asFinance } = stack);
});

afterAll(async () => {
  await stack?.stop();
});

/** A contract's milestones, invoices, financial status and contract as the services show them. */
function aContractView(contractId: () => string) {
  const view = {
    milestones: [] as Json[],
    invoices: [] as Json[],
    milestone: (index: number) => view.milestones.find((candidate) => candidate.milestone_index === index) as Json,
    invoiceOf: (index: number) => view.invoices.find((candidate) => candidate.milestone_index === index) as Json,
    release: () => view.invoices.find((candidate) => candidate.kind === 'retainage_release') as Json | undefined,
    refreshMilestones: async () => (view.milestones = (await api.expect<{ data: Json[] }>(200, 'milestone', 'GET', `/v1/contracts/${contractId()}/milestones`)).data),
    refreshInvoices: async () => (view.invoices = (await api.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/invoices?contract_id=${contractId()}`)).data),
    contract: () => api.expect<Json>(200, 'contract', 'GET', `/v1/contracts/${contractId()}`),
    financialStatus: () => api.expect<Json>(200, 'invoicing', 'GET', `/v1/contracts/${contractId()}/financial-status`),
  };
  return view;
}

const milestoneTerms = (title: string, amountBps: number, billingTrigger: string, extra: Json = {}) => ({
  title,
  acceptance_criteria: `${title} accepted in writing`,
  amount_bps: amountBps,
  billing_trigger: billingTrigger,
  approval_window_days: 5,
  ...extra,
});

describe('a termination that settles', () => {
  const apEmail = `${uniqueName('ap')}@umbrella.example`;
  let contractId: string;
  let asClient: BillingApiClient;
  const view = aContractView(() => contractId);
  const act = (path: string, body?: unknown, as: BillingApiClient = api) => as.expect<Json>(200, 'milestone', 'POST', path, body);

  it('1. brings a four-milestone contract to: deposit invoiced, prototype approved, UAT in progress, final sign-off planned', async () => {
    const client = await api.expect<Json>(201, 'contract', 'POST', '/v1/clients', { name: 'Umbrella', ap_contact_email: apEmail });
    asClient = api.as(await testToken({ role: 'client', clientId: client.id }));
    const contract = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
      client_id: client.id,
      title: 'Umbrella customer portal',
      currency: 'usd',
      total_value_cents: 3_000_000,
      net_days: 30,
      retainage_bps: 500,
      milestones: [
        milestoneTerms('Deposit', 2500, 'on_signing'),
        // billed on its date, years ahead: approved work not billed yet when the contract ends
        milestoneTerms('Prototype', 2500, 'on_date', { planned_date: '2031-01-15' }),
        milestoneTerms('User acceptance testing', 3500, 'on_approval'),
        milestoneTerms('Final sign-off', 1500, 'on_approval'),
      ],
    });
    contractId = contract.id;
    await api.expect(200, 'contract', 'POST', `/v1/contracts/${contractId}/activate`);
    await waitFor(view.refreshMilestones, (list) => list.length === 4, 'four milestones');
    const prototype = view.milestone(2).id;
    await act(`/v1/milestones/${prototype}/start`);
    await act(`/v1/milestones/${prototype}/submit`, { evidence_url: 'https://example.com/prototype' });
    await act(`/v1/milestones/${prototype}/approve`, undefined, asClient);
    await act(`/v1/milestones/${view.milestone(3).id}/start`);

    await waitFor(view.refreshInvoices, () => view.invoiceOf(1)?.status === 'open', 'the deposit invoiced');
    await waitFor(view.refreshMilestones, () => view.milestones.map((milestone) => milestone.status).join() === 'invoiced,approved,in_progress,planned', 'the milestones where the test wants them');
    // contract-service has heard where each milestone is: the settlement is worked out from it
    await waitFor(view.contract, (shown) => shown.milestones.map((milestone: Json) => milestone.status).join() === 'invoiced,approved,in_progress,planned', 'contract-service hearing the progress');
    expect(await view.financialStatus()).toMatchObject({ billed_cents: 750_000, unbilled_cents: 2_250_000, cancelled_cents: 0, balanced: false });
  });

  it('2. refuses a partial billing of a milestone not in progress, and an effective date before the activation, naming the field and changing nothing', async () => {
    const planned = await api.request<Json>('contract', 'POST', `/v1/contracts/${contractId}/terminate`, {
      reason: 'Client cancelled the remaining scope.',
      partial_billing: [{ milestone_index: 4, percent_bps: 4000, basis: 'client_agreement', agreement_reference: 'Email of 28 August' }],
    });
    expect(planned.status).toBe(409);
    expect(planned.body).toMatchObject({ code: 'contract.partial_billing_not_allowed', errors: [expect.objectContaining({ field: 'partial_billing[0].milestone_index' })] });
    const early = await api.request<Json>('contract', 'POST', `/v1/contracts/${contractId}/terminate`, { reason: 'Client cancelled the remaining scope.', effective_date: '2020-01-01' });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'contract.termination_before_activation', errors: [expect.objectContaining({ field: 'effective_date' })] });
    expect((await view.contract()).status).toBe('active');
  });

  it('3. terminates: the approved prototype and 40 % of UAT invoiced, the final sign-off cancelled with its draft, retainage released, balanced', async () => {
    const terminated = await api.expect<Json>(200, 'contract', 'POST', `/v1/contracts/${contractId}/terminate`, {
      reason: 'Client cancelled the remaining scope.',
      partial_billing: [{ milestone_index: 3, percent_bps: 4000, basis: 'client_agreement', agreement_reference: 'Email of 28 August from the client CFO' }],
    });
    expect(terminated).toMatchObject({ status: 'terminated', termination_reason: 'Client cancelled the remaining scope.' });

    await waitFor(
      view.refreshInvoices,
      () => view.invoices.every((invoice) => invoice.status !== 'draft') && view.release()?.status === 'open',
      'every draft issued or discarded, and the retainage released',
    );
    expect(view.invoiceOf(2)).toMatchObject({ status: 'open', subtotal_cents: 750_000, retainage_cents: 37_500 });
    expect(view.invoiceOf(3)).toMatchObject({ status: 'open', subtotal_cents: 420_000, retainage_cents: 21_000 });
    expect(view.invoiceOf(4)).toMatchObject({ status: 'discarded', number: null });
    expect(view.release()).toMatchObject({ total_cents: 37_500 + 37_500 + 21_000 });

    await waitFor(view.refreshMilestones, () => view.milestones.map((milestone) => milestone.status).join() === 'invoiced,invoiced,invoiced,cancelled', 'the milestones settled');
    const status = await view.financialStatus();
    expect(status).toMatchObject({ total_value_cents: 3_000_000, billed_cents: 1_920_000, unbilled_cents: 0, cancelled_cents: 1_080_000, retained_cents: 0, balanced: true });
    expect(status.billed_cents - status.tax_billed_cents + status.cancelled_cents).toBe(status.total_value_cents);

    // and the client's AP contact got the invoices the termination issued
    const numbers = [view.invoiceOf(2).number, view.invoiceOf(3).number, view.release()?.number];
    await waitFor(() => stack.mailbox(), (all) => numbers.every((number) => all.some((mail) => mail.to.includes(apEmail) && mail.subject.includes(number))), 'the settlement invoices emailed');
  });
});

describe('a contract that completes', () => {
  let contractId: string;
  let asClient: BillingApiClient;
  const view = aContractView(() => contractId);
  const pay = (invoice: Json) =>
    asFinance.expect<Json>(201, 'invoicing', 'POST', '/v1/payments', { invoice_id: invoice.id, amount_cents: invoice.amount_due_cents, currency: 'usd' }, { 'idempotency-key': uniqueName('payment') });

  it('completes once every milestone is paid, and says so', async () => {
    const client = await api.expect<Json>(201, 'contract', 'POST', '/v1/clients', { name: 'Soylent', ap_contact_email: `${uniqueName('ap')}@soylent.example` });
    asClient = api.as(await testToken({ role: 'client', clientId: client.id }));
    const contract = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
      client_id: client.id,
      title: 'Soylent data platform',
      currency: 'usd',
      total_value_cents: 1_000_000,
      net_days: 30,
      milestones: [milestoneTerms('Deposit', 5000, 'on_signing'), milestoneTerms('Go-live', 5000, 'on_approval')],
    });
    contractId = contract.id;
    await api.expect(200, 'contract', 'POST', `/v1/contracts/${contractId}/activate`);
    await waitFor(view.refreshMilestones, (list) => list.length === 2, 'two milestones');
    const goLive = view.milestone(2).id;
    await api.expect(200, 'milestone', 'POST', `/v1/milestones/${goLive}/start`);
    await api.expect(200, 'milestone', 'POST', `/v1/milestones/${goLive}/submit`, { evidence_url: 'https://example.com/go-live' });
    await asClient.expect(200, 'milestone', 'POST', `/v1/milestones/${goLive}/approve`);
    await waitFor(view.refreshInvoices, () => view.invoices.filter((invoice) => invoice.status === 'open').length === 2, 'both milestones invoiced');

    await pay(view.invoiceOf(1));
    // one paid, one not: still active
    await waitFor(view.contract, (shown) => shown.milestones[0].status === 'paid', 'contract-service hearing the first payment');
    expect((await view.contract()).status).toBe('active');

    await pay(view.invoiceOf(2));
    const completed = await waitFor(view.contract, (shown) => shown.status === 'completed', 'the contract completed');
    expect(completed.completed_at).toEqual(expect.any(String));
    expect(await view.financialStatus()).toMatchObject({ billed_cents: 1_000_000, paid_cents: 1_000_000, unbilled_cents: 0, cancelled_cents: 0, balanced: true });
  });
});
