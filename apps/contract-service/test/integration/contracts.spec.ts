import { bootstrapService, BootstrappedService } from '@mb/platform';
import { injectAs, testAuthEnvironment, testServiceEnvironment, uniqueName } from '@mb/testing';
import { contractServiceDefinition } from '../../src/contract-service.definition';
import { eventually, referenceMilestones, TopicReader, testKafka } from './contract-test-kit';

describe('contract-service', () => {
  let service: BootstrappedService<unknown>;
  let reader: TopicReader;

  beforeAll(async () => {
    service = await bootstrapService(contractServiceDefinition, {
      ...testServiceEnvironment('contract-service'),
      ...(await testAuthEnvironment()),
      CLOCK_CONTROL: 'enabled',
      LOG_LEVEL: 'warn',
    });
    reader = await TopicReader.start(testKafka(), ['contract.created', 'contract.activated', 'contract.terminated']);
  });

  afterAll(async () => {
    await reader?.close();
    await service?.close();
  });

  async function post(url: string, payload?: object) {
    return injectAs(service.app, 'admin', { method: 'POST', url, ...(payload ? { payload } : {}) });
  }

  async function aClient(): Promise<{ id: string; name: string; ap_contact_email: string }> {
    const name = uniqueName('Acme Corp');
    const response = await post('/v1/clients', { name, ap_contact_email: 'ap@acme.example' });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  function aContractBody(clientId: string, overrides: Record<string, unknown> = {}) {
    return {
      client_id: clientId,
      title: 'Customer portal rebuild',
      currency: 'usd',
      total_value_cents: 3_000_000,
      net_days: 15,
      purchase_order_ref: 'PO-4471',
      milestones: referenceMilestones(),
      ...overrides,
    };
  }

  async function contractsOf(clientId: string): Promise<unknown[]> {
    const response = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/contracts?client_id=${clientId}` });
    expect(response.statusCode).toBe(200);
    return response.json().data;
  }

  it('registers a client and reads it back', async () => {
    // when a client is registered
    const client = await aClient();
    // then it has a cli_ id and reads back the same
    expect(client).toMatchObject({ id: expect.stringMatching(/^cli_/), ap_contact_email: 'ap@acme.example' });
    const read = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/clients/${client.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: client.id, name: client.name, ap_contact_email: 'ap@acme.example' });
  });

  it('refuses a client whose AP contact is not an email, naming the field', async () => {
    const response = await post('/v1/clients', { name: 'Acme', ap_contact_email: 'accounts payable' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'ap_contact_email', rule: 'isEmailAddress' })]));
  });

  it('drafts the reference contract with its schedule in exact cents and announces it', async () => {
    // given a client
    const client = await aClient();
    // when a USD 30,000.00 net-15 contract at 25/35/25/15 % is created
    const response = await post('/v1/contracts', aContractBody(client.id));
    // then it is a healthy draft with exact amounts
    expect(response.statusCode).toBe(201);
    const contract = response.json();
    expect(contract).toMatchObject({
      id: expect.stringMatching(/^con_/),
      client_id: client.id,
      status: 'draft',
      currency: 'usd',
      total_value_cents: 3_000_000,
      net_days: 15,
      advance_notice_days: 7,
      tax_rate_bps: 0,
      retainage_bps: 0,
      purchase_order_ref: 'PO-4471',
      schedule_version: 1,
      warnings: [],
    });
    expect(contract.milestones.map((milestone: { milestone_index: number; title: string; amount_cents: number }) => [milestone.milestone_index, milestone.title, milestone.amount_cents])).toEqual([
      [1, 'Kickoff Deposit', 750_000],
      [2, 'UI Prototype', 1_050_000],
      [3, 'User Acceptance Testing', 750_000],
      [4, 'Launch Sign-off', 450_000],
    ]);
    expect(contract.milestones[3]).toMatchObject({ planned_date: '2026-09-30', deemed_acceptance: true, payout_destination: { account_token: 'acc_test_123', auto_clear: true } });

    // and it reads back the same
    const read = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/contracts/${contract.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(contract);

    // and contract.created carries the terms and who the client is
    const [created] = await eventually(() => reader.about('contract.created', 'contract_id', contract.id), (found) => found.length === 1, 'contract.created');
    expect(created.key).toBe(contract.id);
    expect(created.envelope.data).toMatchObject({ client_name: client.name, client_ap_email: 'ap@acme.example', total_value_cents: 3_000_000, schedule_version: 1 });
  });

  it('refuses a schedule adding up to 99 %, naming the rule, and saves nothing', async () => {
    // given a client and a schedule whose last milestone is 14 % instead of 15 %
    const client = await aClient();
    const milestones = referenceMilestones();
    milestones[3] = { ...milestones[3], amount_bps: 1400 };
    // when the contract is created
    const response = await post('/v1/contracts', aContractBody(client.id, { milestones }));
    // then it is a 422 problem naming the rule and the field
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 422, code: 'schedule.amounts_do_not_add_up', errors: [{ field: 'milestones', rule: 'schedule.amounts_do_not_add_up' }] });
    // and no contract and no event exist for the client
    expect(await contractsOf(client.id)).toEqual([]);
    const outboxRows: { count: string }[] = await service.runtime.dataSource.query(`SELECT count(*) FROM contract.outbox WHERE payload::text LIKE $1`, [`%${client.id}%`]);
    expect(Number(outboxRows[0].count)).toBe(0);
  });

  it.each([
    ['an unknown currency', { currency: 'xyz' }, 'contract.unknown_currency', 'currency'],
    ['an empty schedule', { milestones: [] }, 'schedule.empty', 'milestones'],
    [
      'two milestones with one title',
      { milestones: referenceMilestones().map((milestone, index) => (index === 2 ? { ...milestone, title: 'UI Prototype' } : milestone)) },
      'schedule.duplicate_milestone_title',
      'milestones.2.title',
    ],
    [
      'a milestone billed on_date without the planned date it is billed on',
      { milestones: referenceMilestones().map((milestone, index) => (index === 2 ? { ...milestone, billing_trigger: 'on_date', planned_date: undefined } : milestone)) },
      'schedule.planned_date_missing',
      'milestones.2.planned_date',
    ],
    [
      'deemed acceptance without an approval window',
      { milestones: referenceMilestones().map((milestone, index) => (index === 1 ? { ...milestone, approval_window_days: undefined, deemed_acceptance: true } : milestone)) },
      'schedule.deemed_acceptance_without_window',
      'milestones.1.deemed_acceptance',
    ],
  ])('refuses %s with a 422 naming the rule', async (_case, overrides, code, field) => {
    const client = await aClient();
    const response = await post('/v1/contracts', aContractBody(client.id, overrides));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code, errors: [{ field, rule: code }] });
    expect(await contractsOf(client.id)).toEqual([]);
  });

  it('accepts a milestone billed on_date on its planned date (issue 9, item 6)', async () => {
    // given a schedule whose third milestone is billed on 30 June 2027
    const client = await aClient();
    const milestones = referenceMilestones().map((milestone, index) => (index === 2 ? { ...milestone, billing_trigger: 'on_date', planned_date: '2027-06-30' } : milestone));
    // when created / then it keeps the trigger and the date
    const response = await post('/v1/contracts', aContractBody(client.id, { milestones }));
    expect(response.statusCode).toBe(201);
    expect(response.json().milestones[2]).toMatchObject({ billing_trigger: 'on_date', planned_date: '2027-06-30' });
  });

  it('refuses a contract for a client that does not exist', async () => {
    const response = await post('/v1/contracts', aContractBody('cli_01NOSUCHCLIENT000000000000'));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'contract.unknown_client', errors: [{ field: 'client_id' }] });
  });

  it('accepts a 65 % final milestone with the backloaded warning, and keeps the warning', async () => {
    // given a schedule of 25 / 10 / 65 %
    const client = await aClient();
    const milestones = referenceMilestones().slice(0, 2);
    milestones[1] = { ...milestones[1], amount_bps: 1000 };
    milestones.push({ title: 'Go-live', acceptance_criteria: 'Live in production', amount_bps: 6500, billing_trigger: 'on_approval', approval_window_days: 5 });
    // when created
    const response = await post('/v1/contracts', aContractBody(client.id, { milestones }));
    // then it is accepted with the warning about milestone 3, which is saved with it
    expect(response.statusCode).toBe(201);
    const contract = response.json();
    expect(contract.warnings).toEqual([{ code: 'backloaded_final_milestone', message: expect.stringContaining('65.0 %'), milestone_index: 3 }]);
    const read = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/contracts/${contract.id}` });
    expect(read.json().warnings).toEqual(contract.warnings);
  });

  it('warns about subjective acceptance criteria and a missing approval window', async () => {
    // given a milestone accepted "upon client satisfaction" and one on approval without a window
    const client = await aClient();
    const milestones = referenceMilestones();
    milestones[1] = { ...milestones[1], acceptance_criteria: 'Prototype delivered upon client satisfaction' };
    milestones[2] = { ...milestones[2], approval_window_days: undefined };
    // when created
    const response = await post('/v1/contracts', aContractBody(client.id, { milestones: milestones.map((milestone) => JSON.parse(JSON.stringify(milestone))) }));
    // then both are warned about, naming their milestones
    expect(response.statusCode).toBe(201);
    expect(response.json().warnings.map((warning: { code: string; milestone_index: number }) => [warning.code, warning.milestone_index])).toEqual([
      ['subjective_acceptance_criteria', 2],
      ['no_approval_window', 3],
    ]);
  });

  it('splits 3 × 3333 bps + 1 bps of an uneven total so the amounts add up exactly', async () => {
    // given USD 1,000.01 split 33.33 / 33.33 / 33.33 / 0.01 %
    const client = await aClient();
    const milestones = [3333, 3333, 3333, 1].map((amount_bps, index) => ({
      title: `Part ${index + 1}`,
      acceptance_criteria: 'Delivered as listed in the statement of work',
      amount_bps,
      billing_trigger: 'on_completion',
    }));
    // when created
    const response = await post('/v1/contracts', aContractBody(client.id, { total_value_cents: 100_001, milestones }));
    // then the largest remainder takes the leftover cent and the parts add up to the total
    expect(response.statusCode).toBe(201);
    const amounts = response.json().milestones.map((milestone: { amount_cents: number }) => milestone.amount_cents);
    expect(amounts).toEqual([33_331, 33_330, 33_330, 10]);
    expect(amounts.reduce((sum: number, cents: number) => sum + cents, 0)).toBe(100_001);
  });

  it('accepts fixed amounts in cents that add up to the total', async () => {
    const client = await aClient();
    const milestones = referenceMilestones().map(({ amount_bps: _bps, ...milestone }, index) => ({ ...milestone, amount_cents: [750_000, 1_050_000, 750_000, 450_000][index] }));
    const response = await post('/v1/contracts', aContractBody(client.id, { milestones }));
    expect(response.statusCode).toBe(201);
    expect(response.json().milestones.map((milestone: { amount_bps: number | null }) => milestone.amount_bps)).toEqual([null, null, null, null]);
  });

  it('activates a draft, publishing contract.activated with the binding schedule, and refuses a second activation', async () => {
    // given a drafted contract and the service clock at signing time
    const client = await aClient();
    const contract = (await post('/v1/contracts', aContractBody(client.id))).json();
    // when it is activated
    const response = await post(`/v1/contracts/${contract.id}/activate`);
    // then it is active
    expect(response.statusCode).toBe(200);
    expect(contract.version).toBe(1);
    expect(response.json()).toMatchObject({ id: contract.id, status: 'active', activated_at: expect.any(String), version: 2 });

    // and contract.activated is on Kafka, keyed by the contract, with the full terms
    const [activated] = await eventually(() => reader.about('contract.activated', 'contract_id', contract.id), (found) => found.length === 1, 'contract.activated');
    expect(activated.key).toBe(contract.id);
    expect(activated.headers['event-version']).toBe('2');
    expect(activated.envelope).toMatchObject({ event: 'contract.activated', id: expect.stringMatching(/^evt_/) });
    expect(activated.envelope.data).toEqual({
      contract_id: contract.id,
      client_id: client.id,
      client_name: client.name,
      client_ap_email: 'ap@acme.example',
      client_time_zone: 'UTC',
      title: 'Customer portal rebuild',
      currency: 'usd',
      total_value_cents: 3_000_000,
      net_days: 15,
      advance_notice_days: 7,
      tax_rate_bps: 0,
      retainage_bps: 0,
      purchase_order_ref: 'PO-4471',
      schedule_version: 1,
      activated_at: response.json().activated_at,
      milestones: [
        expect.objectContaining({ milestone_index: 1, title: 'Kickoff Deposit', amount_cents: 750_000, billing_trigger: 'on_signing', approval_window_days: null, payout_destination: null, planned_date: null }),
        expect.objectContaining({ milestone_index: 2, title: 'UI Prototype', amount_cents: 1_050_000, billing_trigger: 'on_approval', approval_window_days: 10 }),
        expect.objectContaining({ milestone_index: 3, title: 'User Acceptance Testing', amount_cents: 750_000 }),
        expect.objectContaining({ milestone_index: 4, title: 'Launch Sign-off', amount_cents: 450_000, planned_date: '2026-09-30', deemed_acceptance: true, payout_destination: { account_token: 'acc_test_123', auto_clear: true } }),
      ],
    });

    // when activated again, then it is a conflict and no second event is published
    const again = await post(`/v1/contracts/${contract.id}/activate`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'contract.not_draft' });
    const outboxRows: { count: string }[] = await service.runtime.dataSource.query(
      `SELECT count(*) FROM contract.outbox WHERE topic = 'contract.activated' AND payload::text LIKE $1`,
      [`%${contract.id}%`],
    );
    expect(Number(outboxRows[0].count)).toBe(1);
  });

  it('keeps the retainage release date the contract sets and announces it, and refuses one without retainage or not a calendar date', async () => {
    // given a client
    const client = await aClient();
    // when contracts are drafted with 5 % retainage released on 30 June 2027, with the date but no retainage, and with a malformed date
    const dated = await post('/v1/contracts', aContractBody(client.id, { retainage_bps: 500, retainage_release_date: '2027-06-30' }));
    const noRetainage = await post('/v1/contracts', aContractBody(client.id, { retainage_release_date: '2027-06-30' }));
    const malformed = await post('/v1/contracts', aContractBody(client.id, { retainage_bps: 500, retainage_release_date: '30/06/2027' }));
    // then the first keeps it, shown and carried on its events for invoicing's release timer
    expect(dated.statusCode).toBe(201);
    expect(dated.json()).toMatchObject({ retainage_bps: 500, retainage_release_date: '2027-06-30' });
    const [created] = await eventually(() => reader.about('contract.created', 'contract_id', dated.json().id), (found) => found.length === 1, 'contract.created');
    expect(created.envelope.data).toMatchObject({ retainage_bps: 500, retainage_release_date: '2027-06-30' });
    // and a contract without one says null, and its events leave the field out
    expect((await post('/v1/contracts', aContractBody(client.id))).json()).toMatchObject({ retainage_release_date: null });
    // and the others are refused, naming the field and the rule
    expect(noRetainage.statusCode).toBe(422);
    expect(noRetainage.json()).toMatchObject({
      code: 'contract.retainage_release_date_without_retainage',
      errors: [{ field: 'retainage_release_date', rule: 'contract.retainage_release_date_without_retainage' }],
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'retainage_release_date' })]));
  });

  it('keeps the advance notice period the contract gives, 0 turning notices off, and refuses one over 90 days', async () => {
    // given a client
    const client = await aClient();
    // when contracts are drafted with a 14-day notice, with none, and with 91 days
    const fortnight = await post('/v1/contracts', aContractBody(client.id, { advance_notice_days: 14 }));
    const none = await post('/v1/contracts', aContractBody(client.id, { advance_notice_days: 0 }));
    const tooLong = await post('/v1/contracts', aContractBody(client.id, { advance_notice_days: 91 }));
    // then the first two keep their period, shown and announced; the third is a 400 naming the field
    expect([fortnight.statusCode, none.statusCode]).toEqual([201, 201]);
    expect([fortnight.json().advance_notice_days, none.json().advance_notice_days]).toEqual([14, 0]);
    const read = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/contracts/${fortnight.json().id}` });
    expect(read.json()).toMatchObject({ advance_notice_days: 14 });
    const [created] = await eventually(() => reader.about('contract.created', 'contract_id', fortnight.json().id), (found) => found.length === 1, 'contract.created');
    expect(created.envelope.data).toMatchObject({ advance_notice_days: 14, net_days: 15 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'advance_notice_days', rule: 'max' })]));
  });

  it('lets exactly one of two simultaneous activations win', async () => {
    // given a draft
    const client = await aClient();
    const contract = (await post('/v1/contracts', aContractBody(client.id))).json();
    // when it is activated twice at once
    const responses = await Promise.all([post(`/v1/contracts/${contract.id}/activate`), post(`/v1/contracts/${contract.id}/activate`)]);
    // then one succeeds and the other is a conflict
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    const loser = responses.find((response) => response.statusCode === 409);
    expect(['contract.not_draft', 'contract.concurrent_update']).toContain(loser?.json().code);
  });

  it('terminates an active contract with a reason, publishing contract.terminated', async () => {
    const client = await aClient();
    const contract = (await post('/v1/contracts', aContractBody(client.id))).json();
    await post(`/v1/contracts/${contract.id}/activate`);
    // when terminated
    const response = await post(`/v1/contracts/${contract.id}/terminate`, { reason: 'Client budget withdrawn' });
    // then it is terminated and announced
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'terminated', termination_reason: 'Client budget withdrawn' });
    const [terminated] = await eventually(() => reader.about('contract.terminated', 'contract_id', contract.id), (found) => found.length === 1, 'contract.terminated');
    expect(terminated.envelope.data).toMatchObject({ client_id: client.id, reason: 'Client budget withdrawn' });
  });

  it('answers 404 for an unknown contract or client', async () => {
    const contract = await injectAs(service.app, 'admin', { method: 'GET', url: '/v1/contracts/con_01NOSUCHCONTRACT0000000000' });
    expect(contract.statusCode).toBe(404);
    expect(contract.json().code).toBe('contract.not_found');
    const activation = await post('/v1/contracts/con_01NOSUCHCONTRACT0000000000/activate');
    expect(activation.statusCode).toBe(404);
    const client = await injectAs(service.app, 'admin', { method: 'GET', url: '/v1/clients/cli_01NOSUCHCLIENT000000000000' });
    expect(client.statusCode).toBe(404);
    expect(client.json().code).toBe('client.not_found');
  });

  it('refuses a bad body with a 400 problem naming each field and rule', async () => {
    // given a body with a float total, an upper-case currency and a milestone without a trigger
    const client = await aClient();
    const milestones = referenceMilestones();
    delete milestones[1].billing_trigger;
    // when posted
    const response = await post('/v1/contracts', aContractBody(client.id, { total_value_cents: 30000.5, currency: 'USD', milestones }));
    // then it is a 400 problem naming each field and rule, and nothing is saved
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem.code).toBe('request.invalid');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'total_value_cents', rule: 'isInt' }),
        expect.objectContaining({ field: 'currency', rule: 'matches' }),
        expect.objectContaining({ field: 'milestones.1.billing_trigger', rule: 'isIn' }),
      ]),
    );
    expect(await contractsOf(client.id)).toEqual([]);
  });
});
