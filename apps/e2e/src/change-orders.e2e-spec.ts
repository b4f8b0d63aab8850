import { type BillingApiClient, waitFor } from '@mb/devstack';
import { e2ePort, testToken, uniqueName } from '@mb/testing';
import { type FiveServices, startFiveServices } from './five-services';

// Issue 14, done when: "a 4-milestone contract, milestone 1 invoiced, a change order adding a
// milestone and re-pricing milestone 3 is approved by the client → versions 1 and 2 readable,
// amounts add up, the new milestone is invoiced on approval under version 2, milestone 1's invoice
// untouched; a change order touching a billed milestone is refused with 409 naming it." The five
// services from their build, a real SMTP server catching the approver's email.

// Apart from the other journeys (41xx–51xx); MB_E2E_PORT_OFFSET moves them all.
const FIRST_PORT = e2ePort(5301);
const FIRST_GRPC_PORT = e2ePort(5311);
const SMTP_PORT = e2ePort(5325);
const MAIL_VIEW_PORT = e2ePort(5326);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let stack: FiveServices;
let api: BillingApiClient;

beforeAll(async () => {
  stack = await startFiveServices({ firstPort: FIRST_PORT, firstGrpcPort: FIRST_GRPC_PORT, smtpPort: SMTP_PORT, mailViewPort: MAIL_VIEW_PORT });
  ({ api } = stack);
});

afterAll(async () => {
  await stack?.stop();
});

const milestoneTerms = (title: string, amountBps: number, billingTrigger: string) => ({
  title,
  acceptance_criteria: `${title} accepted in writing`,
  amount_bps: amountBps,
  billing_trigger: billingTrigger,
  approval_window_days: 5,
});

describe('a change order across the services', () => {
  const approverEmail = `${uniqueName('approver')}@globex.example`;
  let contractId: string;
  let asClient: BillingApiClient;
  let depositInvoice: Json;
  let changeOrder: Json;
  const invoices = async () => (await api.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/invoices?contract_id=${contractId}`)).data;
  const milestones = async () => (await api.expect<{ data: Json[] }>(200, 'milestone', 'GET', `/v1/contracts/${contractId}/milestones`)).data;
  const contract = () => api.expect<Json>(200, 'contract', 'GET', `/v1/contracts/${contractId}`);

  it('1. signs a four-milestone contract of 30,000.00 whose deposit (milestone 1) is invoiced, as contract-service hears', async () => {
    const client = await api.expect<Json>(201, 'contract', 'POST', '/v1/clients', { name: 'Globex', ap_contact_email: `${uniqueName('ap')}@globex.example`, approver_email: approverEmail });
    asClient = api.as(await testToken({ role: 'client', clientId: client.id }));
    contractId = (
      await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
        client_id: client.id,
        title: 'Globex warehouse app',
        currency: 'usd',
        total_value_cents: 3_000_000,
        net_days: 30,
        milestones: [milestoneTerms('Deposit', 2500, 'on_signing'), milestoneTerms('Prototype', 3500, 'on_approval'), milestoneTerms('Testing', 2500, 'on_approval'), milestoneTerms('Launch', 1500, 'on_approval')],
      })
    ).id;
    await api.expect(200, 'contract', 'POST', `/v1/contracts/${contractId}/activate`);
    [depositInvoice] = await waitFor(invoices, (list) => list.some((invoice) => invoice.milestone_index === 1 && invoice.status === 'open'), 'the deposit invoiced').then((list) =>
      list.filter((invoice) => invoice.milestone_index === 1),
    );
    expect(depositInvoice).toMatchObject({ schedule_version: 1, subtotal_cents: 750_000 });
    await waitFor(contract, (shown) => shown.milestones[0].status === 'invoiced', 'contract-service hearing the deposit invoiced');
  });

  it('2. refuses a change order touching the invoiced milestone 1 with a 409 naming it, changing nothing', async () => {
    const refused = await api.request<Json>('contract', 'POST', `/v1/contracts/${contractId}/change-orders`, {
      reason: 'Smaller deposit',
      changes: { milestones: [{ kind: 'change', milestone_index: 1, amount_cents: 500_000 }, { kind: 'change', milestone_index: 4, amount_cents: 700_000 }] },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'change_order.milestone_billed', detail: expect.stringContaining('milestone 1 is invoiced') });
    expect((await contract()).schedule_version).toBe(1);
  });

  it("3. proposes adding a milestone and re-pricing milestone 3; the client's approver is emailed and approves", async () => {
    changeOrder = await api.expect<Json>(201, 'contract', 'POST', `/v1/contracts/${contractId}/change-orders`, {
      reason: 'Barcode scanning added to the scope',
      changes: {
        milestones: [
          { kind: 'add', milestone: { title: 'Barcode scanning', acceptance_criteria: 'Scanning works on the three agreed devices', amount_cents: 200_000, billing_trigger: 'on_approval', approval_window_days: 5 } },
          { kind: 'change', milestone_index: 3, amount_cents: 800_000 },
        ],
      },
    });
    expect(changeOrder).toMatchObject({ status: 'proposed', total_value_cents: 3_250_000 });
    const [email] = await waitFor(
      async () => (await stack.mailbox()).filter((mail) => mail.to.includes(approverEmail) && mail.subject.startsWith('Change order for your approval: Globex warehouse app')),
      (found) => found.length === 1,
      "the approver's email",
    );
    expect(email.text).toContain('Milestone 3 "Testing": 7,500.00 USD → 8,000.00 USD');
    expect(email.text).toContain('Milestone 5 "Barcode scanning": added, 2,000.00 USD');

    const approved = await asClient.expect<Json>(200, 'contract', 'POST', `/v1/change-orders/${changeOrder.id}/approve`);
    expect(approved).toMatchObject({ status: 'approved', resulting_schedule_version: 2 });
  });

  it('4. keeps versions 1 and 2 readable, each adding up to its total', async () => {
    const { data: versions } = await asClient.expect<{ data: Json[] }>(200, 'contract', 'GET', `/v1/contracts/${contractId}/versions`);
    expect(versions.map((version) => [version.schedule_version, version.total_value_cents, version.change_order_id])).toEqual([
      [1, 3_000_000, null],
      [2, 3_250_000, changeOrder.id],
    ]);
    for (const version of versions) {
      expect(version.milestones.reduce((sum: number, milestone: Json) => sum + milestone.amount_cents, 0)).toBe(version.total_value_cents);
    }
    const second = await api.expect<Json>(200, 'contract', 'GET', `/v1/contracts/${contractId}/versions/2`);
    expect(second.milestones.map((milestone: Json) => [milestone.milestone_index, milestone.amount_cents])).toEqual([
      [1, 750_000],
      [2, 1_050_000],
      [3, 800_000],
      [4, 450_000],
      [5, 200_000],
    ]);
    expect(await contract()).toMatchObject({ schedule_version: 2, total_value_cents: 3_250_000 });
  });

  it('5. invoices the new milestone on its approval under version 2, milestone 1 invoice untouched', async () => {
    const [added] = await waitFor(milestones, (list) => list.some((milestone) => milestone.milestone_index === 5), 'milestone 5 planned').then((list) => list.filter((milestone) => milestone.milestone_index === 5));
    await api.expect(200, 'milestone', 'POST', `/v1/milestones/${added.id}/start`);
    await api.expect(200, 'milestone', 'POST', `/v1/milestones/${added.id}/submit`, { evidence_url: 'https://example.com/scanning' });
    await asClient.expect(200, 'milestone', 'POST', `/v1/milestones/${added.id}/approve`);
    const all = await waitFor(invoices, (list) => list.some((invoice) => invoice.milestone_index === 5 && invoice.status === 'open'), 'milestone 5 invoiced');
    expect(all.find((invoice) => invoice.milestone_index === 5)).toMatchObject({ schedule_version: 2, subtotal_cents: 200_000 });
    expect(all.find((invoice) => invoice.milestone_index === 1)).toEqual(depositInvoice);
  });
});
