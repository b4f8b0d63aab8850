import { aValidEvent, type EventData, type EventEnvelope, validateEvent } from '@mb/events';
import { newEventId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { EventPublisher, injectAs, type TestCaller, testAuthEnvironment, testServiceEnvironment, uniqueName } from '@mb/testing';
import { contractServiceDefinition } from '../../src/contract-service.definition';
import { eventually, referenceMilestones, TopicReader, testKafka } from './contract-test-kit';

describe('contract-service change orders (issue 14)', () => {
  let service: BootstrappedService<unknown>;
  let reader: TopicReader;
  let publisher: EventPublisher;

  beforeAll(async () => {
    service = await bootstrapService(contractServiceDefinition, {
      ...testServiceEnvironment('contract-service'),
      ...(await testAuthEnvironment()),
      LOG_LEVEL: 'warn',
    });
    reader = await TopicReader.start(testKafka(), ['contract.amended', 'contract.change_order_proposed', 'contract.change_order_rejected']);
    publisher = await EventPublisher.connect();
  });

  afterAll(async () => {
    await publisher?.close();
    await reader?.close();
    await service?.close();
  });

  async function call(caller: TestCaller, method: 'GET' | 'POST', url: string, payload?: unknown) {
    return injectAs(service.app, caller, { method, url, ...(payload === undefined ? {} : { payload }) });
  }

  /** An active four-milestone contract of USD 30,000.00 (7,500 / 10,500 / 7,500 / 4,500) and its client. */
  async function anActiveContract(overrides: Record<string, unknown> = {}): Promise<{ contractId: string; clientId: string }> {
    const client = await call('admin', 'POST', '/v1/clients', { name: uniqueName('Acme Corp'), ap_contact_email: 'ap@acme.example', time_zone: 'Europe/Berlin' });
    expect(client.statusCode).toBe(201);
    const contract = await call('admin', 'POST', '/v1/contracts', {
      client_id: client.json().id,
      title: 'Customer portal rebuild',
      currency: 'usd',
      total_value_cents: 3_000_000,
      net_days: 15,
      milestones: referenceMilestones(),
      ...overrides,
    });
    expect(contract.statusCode).toBe(201);
    expect((await call('admin', 'POST', `/v1/contracts/${contract.json().id}/activate`)).statusCode).toBe(200);
    return { contractId: contract.json().id, clientId: client.json().id };
  }

  const ssoMilestone = {
    title: 'Single sign-on',
    acceptance_criteria: 'Login through the corporate identity provider works for all four roles',
    amount_cents: 200_000,
    billing_trigger: 'on_approval',
    approval_window_days: 10,
  };

  /** Adds a milestone of 2,000.00 and re-prices milestone 3 to 8,000.00: the total becomes 32,500.00. */
  const addAndReprice = {
    reason: 'Single sign-on added to the scope',
    changes: { milestones: [{ kind: 'add', milestone: ssoMilestone }, { kind: 'change', milestone_index: 3, amount_cents: 800_000 }] },
  };

  async function hearStatus(contractId: string, milestoneIndex: number, status: EventData<'milestone.status_updated'>['status']): Promise<void> {
    const envelope: EventEnvelope<'milestone.status_updated'> = aValidEvent('milestone.status_updated', {
      id: newEventId(),
      created_at: new Date().toISOString(),
      data: { contract_id: contractId, milestone_index: milestoneIndex, status },
    });
    await publisher.publish(envelope);
    await eventually(
      async () => (await call('admin', 'GET', `/v1/contracts/${contractId}`)).json().milestones[milestoneIndex - 1].status,
      (heard) => heard === status,
      `milestone ${milestoneIndex} heard ${status}`,
    );
  }

  it('proposes a change order to the client, who approves it: version 2, contract.amended v3 with the diff', async () => {
    // given an active contract
    const { contractId, clientId } = await anActiveContract();
    // when the project manager proposes adding a milestone and re-pricing milestone 3
    const proposed = await call('project_manager', 'POST', `/v1/contracts/${contractId}/change-orders`, addAndReprice);
    // then the change order waits for the client until the end of its 14th day (Berlin), the contract unchanged
    expect(proposed.statusCode).toBe(201);
    const changeOrder = proposed.json();
    expect(changeOrder).toMatchObject({ status: 'proposed', apply: 'on_client_approval', base_schedule_version: 1, previous_total_value_cents: 3_000_000, total_value_cents: 3_250_000 });
    expect(changeOrder.milestone_changes.map((change: { milestone_index: number; kind: string }) => [change.milestone_index, change.kind])).toEqual([
      [3, 'changed'],
      [5, 'added'],
    ]);
    expect(new Date(changeOrder.respond_by).getTime()).toBeGreaterThan(Date.now() + 14 * 24 * 3600_000 - 24 * 3600_000);
    expect((await call('admin', 'GET', `/v1/contracts/${contractId}`)).json()).toMatchObject({ schedule_version: 1, total_value_cents: 3_000_000 });

    // and the client's approver is told, in an event that passes its schema
    const [proposal] = await eventually(() => reader.about('contract.change_order_proposed', 'change_order_id', changeOrder.id), (found) => found.length === 1, 'contract.change_order_proposed');
    expect(proposal.key).toBe(contractId);
    expect(validateEvent('contract.change_order_proposed', 1, proposal.envelope)).toMatchObject({ ok: true });
    expect(proposal.envelope.data).toMatchObject({ contract_title: 'Customer portal rebuild', total_value_cents: 3_250_000, base_schedule_version: 1 });

    // when the client approves it
    const approved = await call({ role: 'client', clientId }, 'POST', `/v1/change-orders/${changeOrder.id}/approve`);
    // then it is approved as schedule version 2 and the contract carries the new schedule, adding up exactly
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', resulting_schedule_version: 2, decided_by: expect.any(String) });
    const contract = (await call('admin', 'GET', `/v1/contracts/${contractId}`)).json();
    expect(contract).toMatchObject({ schedule_version: 2, total_value_cents: 3_250_000 });
    expect(contract.milestones.map((milestone: { milestone_index: number; amount_cents: number }) => [milestone.milestone_index, milestone.amount_cents])).toEqual([
      [1, 750_000],
      [2, 1_050_000],
      [3, 800_000],
      [4, 450_000],
      [5, 200_000],
    ]);

    // and both versions are readable, version 2 naming the change order and who approved it
    const versions = await call({ role: 'client', clientId }, 'GET', `/v1/contracts/${contractId}/versions`);
    expect(versions.statusCode).toBe(200);
    expect(versions.json().data).toMatchObject([
      { schedule_version: 1, change_order_id: null, approval: null, total_value_cents: 3_000_000 },
      { schedule_version: 2, change_order_id: changeOrder.id, approval: 'client', approved_by: approved.json().decided_by, total_value_cents: 3_250_000 },
    ]);
    const first = await call('finance', 'GET', `/v1/contracts/${contractId}/versions/1`);
    expect(first.json().milestones.map((milestone: { amount_cents: number }) => milestone.amount_cents)).toEqual([750_000, 1_050_000, 750_000, 450_000]);

    // and contract.amended (version 3) carries the new schedule, the diff and who approved, valid against its schema
    const [amended] = await eventually(() => reader.about('contract.amended', 'change_order_id', changeOrder.id), (found) => found.length === 1, 'contract.amended');
    expect(amended.key).toBe(contractId);
    expect(amended.headers['event-version']).toBe('3');
    expect(validateEvent('contract.amended', 3, amended.envelope)).toMatchObject({ ok: true });
    expect(amended.envelope.data).toMatchObject({
      schedule_version: 2,
      previous_schedule_version: 1,
      approval: 'client',
      previous_total_value_cents: 3_000_000,
      total_value_cents: 3_250_000,
      milestone_changes: [
        { milestone_index: 3, kind: 'changed', before: { amount_cents: 750_000 }, after: { amount_cents: 800_000 } },
        { milestone_index: 5, kind: 'added', before: null, after: { title: 'Single sign-on', amount_cents: 200_000 } },
      ],
    });
  });

  it('refuses a change order touching a billed milestone with a 409 naming it, and changes nothing', async () => {
    // given milestone 1 invoiced, as milestone-service announced
    const { contractId } = await anActiveContract();
    await hearStatus(contractId, 1, 'invoiced');
    // when a change order re-prices milestone 1
    const refused = await call('admin', 'POST', `/v1/contracts/${contractId}/change-orders`, {
      reason: 'Deposit lowered',
      changes: { milestones: [{ kind: 'change', milestone_index: 1, amount_cents: 700_000 }] },
    });
    // then it is a 409 problem naming milestone 1, and no change order exists
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'change_order.milestone_billed', detail: expect.stringContaining('milestone 1 is invoiced') });
    expect(JSON.stringify(refused.json())).toContain('changes.milestones.0.milestone_index');
    expect((await call('admin', 'GET', `/v1/contracts/${contractId}/change-orders`)).json().data).toEqual([]);
  });

  it('refuses to apply a change order to a milestone billed after it was proposed (409 naming it)', async () => {
    // given a change order re-pricing milestone 2, then milestone 2 triggered for billing
    const { contractId, clientId } = await anActiveContract();
    const proposed = await call('admin', 'POST', `/v1/contracts/${contractId}/change-orders`, { reason: 'Prototype scope', changes: { milestones: [{ kind: 'change', milestone_index: 2, amount_cents: 1_000_000 }, { kind: 'change', milestone_index: 4, amount_cents: 500_000 }] } });
    expect(proposed.statusCode).toBe(201);
    await hearStatus(contractId, 2, 'triggered_for_disbursement');
    // when the client approves it
    const approving = await call({ role: 'client', clientId }, 'POST', `/v1/change-orders/${proposed.json().id}/approve`);
    // then it is refused naming milestone 2, and the contract stays at version 1
    expect(approving.statusCode).toBe(409);
    expect(approving.json()).toMatchObject({ code: 'change_order.milestone_billed', detail: expect.stringContaining('milestone 2') });
    expect((await call('admin', 'GET', `/v1/contracts/${contractId}`)).json().schedule_version).toBe(1);
  });

  it('refuses a unilateral change order unless the contract allows unilateral changes; where it does, applies it at once', async () => {
    // given a contract that does not allow unilateral changes
    const { contractId } = await anActiveContract();
    // when the supplier applies a change unilaterally
    const refused = await call('finance', 'POST', `/v1/contracts/${contractId}/change-orders`, { reason: 'Terms', apply: 'unilateral', changes: { net_days: 30 } });
    // then it is a 422 naming `apply`
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'change_order.unilateral_not_allowed', errors: [{ field: 'apply', rule: 'change_order.unilateral_not_allowed' }] });

    // given one that does
    const allowing = await anActiveContract({ allows_unilateral_changes: true });
    expect((await call('admin', 'GET', `/v1/contracts/${allowing.contractId}`)).json().allows_unilateral_changes).toBe(true);
    // when the supplier applies a change unilaterally
    const applied = await call('finance', 'POST', `/v1/contracts/${allowing.contractId}/change-orders`, { reason: 'Terms', apply: 'unilateral', changes: { net_days: 30 } });
    // then it takes effect at once, as version 2
    expect(applied.statusCode).toBe(201);
    expect(applied.json()).toMatchObject({ status: 'approved', respond_by: null, resulting_schedule_version: 2, net_days: 30, previous_net_days: 15 });
    const [amended] = await eventually(() => reader.about('contract.amended', 'change_order_id', applied.json().id), (found) => found.length === 1, 'contract.amended');
    expect(amended.envelope.data).toMatchObject({ approval: 'unilateral', net_days: 30, previous_net_days: 15 });
  });

  it('refuses as stale a change order whose contract moved on (terminated) before the approval', async () => {
    // given a proposed change order, then the contract terminated
    const { contractId, clientId } = await anActiveContract();
    const proposed = await call('admin', 'POST', `/v1/contracts/${contractId}/change-orders`, { reason: 'Terms', changes: { net_days: 30 } });
    expect((await call('admin', 'POST', `/v1/contracts/${contractId}/terminate`, { reason: 'Client cancelled the project' })).statusCode).toBe(200);
    // when the client approves the change order
    const approving = await call({ role: 'client', clientId }, 'POST', `/v1/change-orders/${proposed.json().id}/approve`);
    // then it is refused as stale
    expect(approving.statusCode).toBe(409);
    expect(approving.json()).toMatchObject({ code: 'change_order.stale' });
  });

  it('keeps one open change order per contract; the client may reject it with a reason, which the supplier hears of', async () => {
    // given a proposed change order
    const { contractId, clientId } = await anActiveContract();
    const proposed = await call('admin', 'POST', `/v1/contracts/${contractId}/change-orders`, addAndReprice);
    // when another is proposed
    const second = await call('admin', 'POST', `/v1/contracts/${contractId}/change-orders`, { reason: 'Terms', changes: { net_days: 30 } });
    // then it is refused while the first is open
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'change_order.already_open' });
    // when the client rejects the first without a reason, then with one
    expect((await call({ role: 'client', clientId }, 'POST', `/v1/change-orders/${proposed.json().id}/reject`, {})).statusCode).toBe(400);
    const rejected = await call({ role: 'client', clientId }, 'POST', `/v1/change-orders/${proposed.json().id}/reject`, { reason: 'Single sign-on is in the original scope' });
    // then it is rejected, the supplier is told, and a new change order may be proposed
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejection_reason: 'Single sign-on is in the original scope' });
    const [told] = await eventually(() => reader.about('contract.change_order_rejected', 'change_order_id', proposed.json().id), (found) => found.length === 1, 'contract.change_order_rejected');
    expect(validateEvent('contract.change_order_rejected', 1, told.envelope)).toMatchObject({ ok: true });
    expect((await call('admin', 'POST', `/v1/contracts/${contractId}/change-orders`, { reason: 'Terms', changes: { net_days: 30 } })).statusCode).toBe(201);
  });

  it("hides a client's change orders and versions from another client (404)", async () => {
    // given a change order on client A's contract
    const { contractId } = await anActiveContract();
    const proposed = await call('admin', 'POST', `/v1/contracts/${contractId}/change-orders`, addAndReprice);
    const other = await anActiveContract();
    const clientB: TestCaller = { role: 'client', clientId: other.clientId };
    // when client B reads, approves or lists it
    // then each is a 404, and the change order is still proposed
    expect((await call(clientB, 'GET', `/v1/change-orders/${proposed.json().id}`)).statusCode).toBe(404);
    expect((await call(clientB, 'POST', `/v1/change-orders/${proposed.json().id}/approve`)).statusCode).toBe(404);
    expect((await call(clientB, 'GET', `/v1/contracts/${contractId}/change-orders`)).statusCode).toBe(404);
    expect((await call(clientB, 'GET', `/v1/contracts/${contractId}/versions`)).statusCode).toBe(404);
    expect((await call('admin', 'GET', `/v1/change-orders/${proposed.json().id}`)).json().status).toBe('proposed');
  });

  it('answers 404 for a schedule version the contract does not have', async () => {
    const { contractId } = await anActiveContract();
    expect((await call('admin', 'GET', `/v1/contracts/${contractId}/versions/2`)).json()).toMatchObject({ status: 404, code: 'contract.schedule_version_not_found' });
    expect((await call('admin', 'GET', `/v1/contracts/${contractId}/versions/two`)).statusCode).toBe(404);
  });
});
