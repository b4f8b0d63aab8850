import { status } from '@grpc/grpc-js';
import { GRPC_APIS, instantOf } from '@mb/grpc';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { GrpcTestClient, injectAs, metricValue, parsePrometheusText, testAuthEnvironment, testServiceEnvironment, uniqueName } from '@mb/testing';
import { contractServiceDefinition } from '../../src/contract-service.definition';
import { eventually, referenceMilestones, TopicReader, testKafka } from './contract-test-kit';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The reference schedule as gRPC MilestoneTerms: billing triggers are enum value names. */
function referenceMilestoneTerms(): Json[] {
  return referenceMilestones().map((milestone) => ({ ...milestone, billing_trigger: `BILLING_TRIGGER_${String(milestone.billing_trigger).toUpperCase()}` }));
}

describe('contract-service over gRPC', () => {
  let service: BootstrappedService<unknown>;
  let grpc: GrpcTestClient;
  let reader: TopicReader;

  beforeAll(async () => {
    service = await bootstrapService(contractServiceDefinition, {
      ...testServiceEnvironment('contract-service'),
      ...(await testAuthEnvironment()),
      LOG_LEVEL: 'warn',
    });
    grpc = GrpcTestClient.connect(GRPC_APIS.contract, service.grpcAddress);
    reader = await TopicReader.start(testKafka(), ['contract.created', 'contract.activated']);
  });

  afterAll(async () => {
    grpc?.close();
    await reader?.close();
    await service?.close();
  });

  async function aClient(): Promise<Json> {
    const { client } = await grpc.call('CreateClient', { name: uniqueName('Acme Corp'), ap_contact_email: 'ap@acme.example' });
    return client;
  }

  function aContractRequest(clientId: string, overrides: Json = {}): Json {
    return {
      client_id: clientId,
      title: 'Customer portal rebuild',
      currency: 'usd',
      total_value_cents: 3_000_000,
      net_days: 15,
      purchase_order_ref: 'PO-4471',
      milestones: referenceMilestoneTerms(),
      ...overrides,
    };
  }

  describe('clients', () => {
    it('registers a client and reads it back', async () => {
      // when a client is registered over gRPC
      const client = await aClient();
      // then it has a cli_ id and its creation instant, and reads back the same over gRPC and REST
      expect(client).toMatchObject({ id: expect.stringMatching(/^cli_/), ap_contact_email: 'ap@acme.example' });
      expect(instantOf(client.created_at)?.getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect((await grpc.call('GetClient', { client_id: client.id })).client).toEqual(client);
      const rest = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/clients/${client.id}` });
      expect(rest.json()).toMatchObject({ id: client.id, name: client.name });
    });

    it('refuses a client whose AP contact is not an email with INVALID_ARGUMENT, naming the field and rule', async () => {
      const refusal = await grpc.refusal('CreateClient', { name: 'Acme', ap_contact_email: 'accounts payable' });
      expect(refusal.code).toBe(status.INVALID_ARGUMENT);
      expect(refusal.errorCode).toBe('request.invalid');
      expect(refusal.details).toContain('ap_contact_email');
      expect(refusal.fieldErrors).toEqual([expect.objectContaining({ field: 'ap_contact_email', rule: 'isEmailAddress' })]);
    });

    it('reads an unset field as empty, as proto3 does, and refuses it', async () => {
      const refusal = await grpc.refusal('CreateClient', {});
      expect(refusal.code).toBe(status.INVALID_ARGUMENT);
      expect(refusal.fieldErrors.map(({ field, rule }) => [field, rule])).toEqual(expect.arrayContaining([['name', 'minLength'], ['ap_contact_email', 'isEmailAddress']]));
    });

    it('answers an unknown client with NOT_FOUND client.not_found, and a malformed id with INVALID_ARGUMENT', async () => {
      const unknown = await grpc.refusal('GetClient', { client_id: 'cli_01NOSUCHCLIENT000000000000' });
      expect([unknown.code, unknown.errorCode]).toEqual([status.NOT_FOUND, 'client.not_found']);
      const malformed = await grpc.refusal('GetClient', { client_id: 'con_123' });
      expect([malformed.code, malformed.errorCode]).toEqual([status.INVALID_ARGUMENT, 'request.invalid']);
      expect(malformed.fieldErrors).toEqual([expect.objectContaining({ field: 'client_id', rule: 'matches' })]);
    });
  });

  describe('contracts', () => {
    it('drafts the reference contract with its schedule in exact cents, and announces it', async () => {
      // given a client
      const client = await aClient();
      // when a USD 30,000.00 net-15 contract at 25/35/25/15 % is created over gRPC
      const { contract } = await grpc.call('CreateContract', aContractRequest(client.id));
      // then it is a healthy draft with exact amounts, int64 cents and enums by name
      expect(contract).toMatchObject({
        id: expect.stringMatching(/^con_/),
        client_id: client.id,
        status: 'CONTRACT_STATUS_DRAFT',
        total_value_cents: 3_000_000,
        net_days: 15,
        tax_rate_bps: 0,
        purchase_order_ref: 'PO-4471',
        schedule_version: 1,
        warnings: [],
        activated_at: null,
        version: 1,
      });
      expect(contract.milestones.map((milestone: Json) => [milestone.milestone_index, milestone.amount_cents, milestone.amount_bps, milestone.billing_trigger])).toEqual([
        [1, 750_000, 2500, 'BILLING_TRIGGER_ON_SIGNING'],
        [2, 1_050_000, 3500, 'BILLING_TRIGGER_ON_APPROVAL'],
        [3, 750_000, 2500, 'BILLING_TRIGGER_ON_APPROVAL'],
        [4, 450_000, 1500, 'BILLING_TRIGGER_ON_APPROVAL'],
      ]);
      expect(contract.milestones[3]).toMatchObject({ planned_date: '2026-09-30', deemed_acceptance: true, payout_destination: { account_token: 'acc_test_123', auto_clear: true } });
      expect(contract.milestones[0]).toMatchObject({ payout_destination: null, deliverables: [] });
      expect(contract.milestones[0].planned_date).toBeUndefined();
      // and it is the contract REST reads, created by the same use case
      const rest = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/contracts/${contract.id}` });
      expect(rest.json()).toMatchObject({ id: contract.id, status: 'draft', total_value_cents: 3_000_000 });
      expect((await grpc.call('GetContract', { contract_id: contract.id })).contract).toEqual(contract);
      // and contract.created went out through the outbox
      await eventually(() => reader.about('contract.created', 'contract_id', contract.id), (found) => found.length === 1, 'contract.created');
    });

    it('takes an unset optional field as absent and a zero as zero: net-0, no tax, no PO', async () => {
      const client = await aClient();
      const { contract } = await grpc.call('CreateContract', aContractRequest(client.id, { net_days: 0, purchase_order_ref: undefined }));
      expect(contract).toMatchObject({ net_days: 0, tax_rate_bps: 0, retainage_bps: 0 });
      expect(contract.purchase_order_ref).toBeUndefined();
    });

    it('gives advance notice a week ahead when the field is unset, and none when it is 0', async () => {
      const client = await aClient();
      const unset = (await grpc.call('CreateContract', aContractRequest(client.id))).contract;
      const off = (await grpc.call('CreateContract', aContractRequest(client.id, { advance_notice_days: 0 }))).contract;
      expect([unset.advance_notice_days, off.advance_notice_days]).toEqual([7, 0]);
    });

    it('refuses a schedule adding up to 99 % with INVALID_ARGUMENT, naming the rule and the field', async () => {
      const client = await aClient();
      const milestones = referenceMilestoneTerms();
      milestones[3] = { ...milestones[3], amount_bps: 1400 };
      const refusal = await grpc.refusal('CreateContract', aContractRequest(client.id, { milestones }));
      expect([refusal.code, refusal.errorCode]).toEqual([status.INVALID_ARGUMENT, 'schedule.amounts_do_not_add_up']);
      expect(refusal.fieldErrors).toEqual([expect.objectContaining({ field: 'milestones', rule: 'schedule.amounts_do_not_add_up' })]);
      expect((await grpc.call('ListContracts', { client_id: client.id })).contracts).toEqual([]);
    });

    it('refuses a milestone without a billing trigger, naming it by its path', async () => {
      const client = await aClient();
      const milestones = referenceMilestoneTerms();
      milestones[1] = { ...milestones[1], billing_trigger: 'BILLING_TRIGGER_UNSPECIFIED' };
      const refusal = await grpc.refusal('CreateContract', aContractRequest(client.id, { milestones }));
      expect([refusal.code, refusal.errorCode]).toEqual([status.INVALID_ARGUMENT, 'request.invalid']);
      expect(refusal.fieldErrors).toEqual([expect.objectContaining({ field: 'milestones.1.billing_trigger', rule: 'isIn' })]);
    });

    it('refuses a total above 2^53 − 1 cents rather than rounding it', async () => {
      const client = await aClient();
      const refusal = await grpc.refusal('CreateContract', aContractRequest(client.id, { total_value_cents: '9007199254740993' }));
      expect(refusal.fieldErrors).toEqual([expect.objectContaining({ field: 'total_value_cents', rule: 'max' })]);
    });

    it('refuses a contract for a client that does not exist', async () => {
      const refusal = await grpc.refusal('CreateContract', aContractRequest('cli_01NOSUCHCLIENT000000000000'));
      expect([refusal.code, refusal.errorCode]).toEqual([status.INVALID_ARGUMENT, 'contract.unknown_client']);
      expect(refusal.fieldErrors).toEqual([expect.objectContaining({ field: 'client_id' })]);
    });

    it('activates a draft once: a second activation is FAILED_PRECONDITION contract.not_draft', async () => {
      // given a draft
      const client = await aClient();
      const { contract: draft } = await grpc.call('CreateContract', aContractRequest(client.id));
      // when it is activated
      const { contract: active } = await grpc.call('ActivateContract', { contract_id: draft.id });
      // then it is active, contract.activated is out, and activating it again is refused
      expect(active).toMatchObject({ status: 'CONTRACT_STATUS_ACTIVE', version: 2 });
      expect(instantOf(active.activated_at)).toBeInstanceOf(Date);
      await eventually(() => reader.about('contract.activated', 'contract_id', draft.id), (found) => found.length === 1, 'contract.activated');
      const again = await grpc.refusal('ActivateContract', { contract_id: draft.id });
      expect([again.code, again.errorCode]).toEqual([status.FAILED_PRECONDITION, 'contract.not_draft']);
    });

    it('terminates a contract with a reason, and refuses one without', async () => {
      const client = await aClient();
      const { contract } = await grpc.call('CreateContract', aContractRequest(client.id));
      const withoutReason = await grpc.refusal('TerminateContract', { contract_id: contract.id });
      expect(withoutReason.fieldErrors).toEqual([expect.objectContaining({ field: 'reason', rule: 'minLength' })]);
      const { contract: terminated } = await grpc.call('TerminateContract', { contract_id: contract.id, reason: 'Client budget withdrawn' });
      expect(terminated).toMatchObject({ status: 'CONTRACT_STATUS_TERMINATED', termination_reason: 'Client budget withdrawn' });
      const again = await grpc.refusal('TerminateContract', { contract_id: contract.id, reason: 'Twice' });
      expect([again.code, again.errorCode]).toEqual([status.FAILED_PRECONDITION, 'contract.illegal_transition']);
    });

    it('answers an unknown contract with NOT_FOUND contract.not_found', async () => {
      for (const rpc of ['GetContract', 'ActivateContract']) {
        const refusal = await grpc.refusal(rpc, { contract_id: 'con_01NOSUCHCONTRACT00000000000' });
        expect([rpc, refusal.code, refusal.errorCode]).toEqual([rpc, status.NOT_FOUND, 'contract.not_found']);
      }
    });

    it("lists a client's contracts, oldest first", async () => {
      const client = await aClient();
      const { contract: first } = await grpc.call('CreateContract', aContractRequest(client.id));
      const { contract: second } = await grpc.call('CreateContract', aContractRequest(client.id, { title: 'Phase two' }));
      const { contracts } = await grpc.call('ListContracts', { client_id: client.id });
      expect(contracts.map((contract: Json) => contract.id)).toEqual([first.id, second.id]);
    });
  });

  describe('metrics', () => {
    it('counts and times every call on GET /metrics by service, method and status code', async () => {
      // given one call that succeeds and one refused as NOT_FOUND
      const before = parsePrometheusText((await injectAs(service.app, 'admin', { method: 'GET', url: '/metrics' })).body);
      const labels = (method: string, code: string) => ({ grpc_service: 'milestone_billing.contract.v1.ContractService', grpc_method: method, grpc_code: code });
      const handled = (series: ReturnType<typeof parsePrometheusText>, method: string, code: string) => metricValue(series, 'grpc_server_handled_total', labels(method, code)) ?? 0;
      const client = await aClient();
      const refused = await grpc.refusal('GetContract', { contract_id: 'con_nothing_here' });
      expect(refused.code).toBe(status.NOT_FOUND);
      // when Prometheus scrapes
      const after = parsePrometheusText((await injectAs(service.app, 'admin', { method: 'GET', url: '/metrics' })).body);
      // then each call is counted under the status it ended with, and timed
      expect(client.id).toMatch(/^cli_/);
      expect(handled(after, 'CreateClient', 'OK') - handled(before, 'CreateClient', 'OK')).toBe(1);
      expect(handled(after, 'GetContract', 'NOT_FOUND') - handled(before, 'GetContract', 'NOT_FOUND')).toBe(1);
      const timed = metricValue(after, 'grpc_server_handling_seconds_count', { grpc_service: 'milestone_billing.contract.v1.ContractService', grpc_method: 'CreateClient' });
      expect(timed).toBeGreaterThanOrEqual(1);
    });
  });
});
