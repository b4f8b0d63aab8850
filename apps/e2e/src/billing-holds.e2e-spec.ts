import { BillingApiClient, waitFor } from '@mb/devstack';
import { e2ePort, readEvents, testToken, uniqueName } from '@mb/testing';
import { type BillingServices, startBillingServices } from './billing-services';

// Issue 9, item 7, done when "a held milestone is invoiced only after release, exactly once": the
// contract, milestone and invoicing services started from their build, driven through their public
// REST APIs like any other company system, with what they publish read back from Kafka.

// Apart from the local stack, the foundation test (4101–4115) and the journey (4201–4230);
// MB_E2E_PORT_OFFSET moves them all.
const FIRST_PORT = e2ePort(4301);
const FIRST_GRPC_PORT = e2ePort(4311);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let services: BillingServices;
let api: BillingApiClient;

beforeAll(async () => {
  // A project manager places holds; the client approves (its token once it exists); finance releases.
  services = await startBillingServices(FIRST_PORT, FIRST_GRPC_PORT);
  api = services.api;
});

afterAll(async () => {
  await services?.stop();
});

describe('a milestone on a billing hold', () => {
  let contractId: string;
  let milestones: Json[];
  let invoices: Json[];
  let heldAt: string;
  let released: Json;

  const milestone = (index: number) => milestones.find((candidate) => candidate.milestone_index === index) as Json;
  const invoiceOf = (index: number) => invoices.find((candidate) => candidate.milestone_index === index) as Json;
  const refreshMilestones = async () =>
    (milestones = (await api.expect<{ data: Json[] }>(200, 'milestone', 'GET', `/v1/contracts/${contractId}/milestones`)).data);
  const refreshInvoices = async () => (invoices = (await api.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/invoices?contract_id=${contractId}`)).data);
  const post = (path: string, body?: unknown, as: BillingApiClient = api) => as.expect<Json>(200, 'milestone', 'POST', path, body);
  let asClient: BillingApiClient;
  const approve = async (index: number) => {
    const id = milestone(index).id;
    await post(`/v1/milestones/${id}/start`);
    await post(`/v1/milestones/${id}/submit`, { evidence_url: `https://example.com/milestone-${index}` });
    return post(`/v1/milestones/${id}/approve`, undefined, asClient);
  };

  it('1. signs a contract of four milestones, the deposit billed on signing and the rest on approval', async () => {
    const client = await api.expect<Json>(201, 'contract', 'POST', '/v1/clients', { name: 'Initech', ap_contact_email: `${uniqueName('ap')}@initech.example` });
    asClient = api.as(await testToken({ role: 'client', clientId: client.id }));
    const contract = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
      client_id: client.id,
      title: 'Initech billing portal',
      currency: 'usd',
      total_value_cents: 2_000_000,
      net_days: 30,
      milestones: ['Deposit', 'Design sign-off', 'Beta', 'Launch'].map((title, index) => ({
        title,
        acceptance_criteria: `${title} accepted in writing`,
        amount_bps: 2500,
        billing_trigger: index === 0 ? 'on_signing' : 'on_approval',
        approval_window_days: 5,
      })),
    });
    contractId = contract.id;
    await api.expect(200, 'contract', 'POST', `/v1/contracts/${contractId}/activate`);
    await waitFor(refreshMilestones, (list) => list.length === 4, 'four milestones');
    await waitFor(refreshInvoices, () => invoiceOf(1)?.status === 'open', 'the deposit invoiced');
  });

  it('2. holds milestone 2 before the client approves it; the approval records the trigger, held', async () => {
    const id = milestone(2).id;
    await post(`/v1/milestones/${id}/start`);
    await post(`/v1/milestones/${id}/submit`, { evidence_url: 'https://example.com/design' });
    const held = await post(`/v1/milestones/${id}/billing-hold`, { reason: 'PO amendment pending', placed_by: 'ops@agency.example' });
    expect(held.billing_hold).toMatchObject({ reason: 'PO amendment pending', placed_by: 'ops@agency.example' });
    heldAt = held.billing_hold.placed_at;

    const approved = await post(`/v1/milestones/${id}/approve`, undefined, asClient);
    expect(approved).toMatchObject({ status: 'triggered_for_disbursement', billing_hold: { reason: 'PO amendment pending' } });
  });

  it('3. issues no invoice for the held milestone, while a later unheld trigger of the same contract is invoiced', async () => {
    // milestone 3's trigger is published after milestone 2's held one, on the same key: once
    // invoicing has issued 3, it has consumed 2's trigger, and anything that trigger issued would show
    await approve(3);
    await waitFor(refreshInvoices, () => invoiceOf(3)?.status === 'open', 'invoice 3 issued');
    expect(invoiceOf(2)).toMatchObject({ status: 'draft', number: null });
    await refreshMilestones();
    expect(milestone(2)).toMatchObject({ status: 'triggered_for_disbursement', billing_hold: { reason: 'PO amendment pending' } });
  });

  it('4. invoices the milestone at once when the hold is released', async () => {
    released = await post(`/v1/milestones/${milestone(2).id}/billing-hold/release`, { released_by: 'finance@agency.example' }, api.as(await testToken('finance')));
    expect(released).toMatchObject({ status: 'triggered_for_disbursement', billing_hold: null });

    await waitFor(refreshInvoices, () => invoiceOf(2)?.status === 'open', 'invoice 2 issued on the release');
    expect(invoiceOf(2)).toMatchObject({ amount_due_cents: 500_000, number: expect.stringMatching(/^INV-\d{4}-\d{6}$/) });
    // dated by the release, when the milestone became billable for invoicing
    expect(invoiceOf(2).issue_date).toBe(String(released.updated_at).slice(0, 10));
    await waitFor(refreshMilestones, () => milestone(2).status === 'invoiced', 'milestone 2 invoiced');

    // and the history keeps the hold, who placed and released it, and when
    const history = await api.expect<{ data: Json[] }>(200, 'milestone', 'GET', `/v1/milestones/${milestone(2).id}/billing-holds`);
    expect(history.data).toEqual([
      expect.objectContaining({ reason: 'PO amendment pending', placed_by: 'ops@agency.example', placed_at: heldAt, released_by: 'finance@agency.example', released_at: released.updated_at }),
    ]);
  });

  it('5. has invoiced it exactly once', async () => {
    // a second release is refused: there is no hold left to release
    const again = await api.as(await testToken('finance')).request<Json>('milestone', 'POST', `/v1/milestones/${milestone(2).id}/billing-hold/release`, { released_by: 'finance@agency.example' });
    expect([again.status, again.body.code]).toEqual([409, 'milestone.not_held']);
    // a later invoice of the same contract, so that any second invoice of milestone 2 would be on the topic before it
    await approve(4);
    await waitFor(refreshInvoices, () => invoiceOf(4)?.status === 'open', 'invoice 4 issued');

    const issued = await readEvents('invoice.issued', (data) => data.contract_id === contractId);
    expect(issued.map((event) => event.data.milestone_index)).toEqual([1, 3, 2, 4]);
    expect(issued.find((event) => event.data.milestone_index === 2)?.data.invoice_number).toBe(invoiceOf(2).number);

    // and milestone-service announced the trigger held, then once unheld with the release
    const updates = await readEvents('milestone.status_updated', (data) => data.contract_id === contractId && data.milestone_index === 2);
    expect(updates.filter((event) => event.data.status === 'triggered_for_disbursement').map((event) => [event.data.billing_hold, event.data.reason ?? null])).toEqual([
      [true, null],
      [false, 'billing hold released'],
    ]);
  });
});

