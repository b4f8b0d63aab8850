import { aValidEvent, type EventData, type EventEnvelope } from '@mb/events';
import { GRPC_APIS } from '@mb/grpc';
import { newEventId, newId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { EventPublisher, GrpcTestClient, injectAs, testAuthEnvironment, testServiceEnvironment, uniqueName } from '@mb/testing';
import { contractServiceDefinition } from '../../src/contract-service.definition';
import { eventually, referenceMilestones } from './contract-test-kit';

describe("contract-service hears each milestone's progress", () => {
  let service: BootstrappedService<unknown>;
  let publisher: EventPublisher;
  let grpc: GrpcTestClient;

  beforeAll(async () => {
    service = await bootstrapService(contractServiceDefinition, {
      ...testServiceEnvironment('contract-service'),
      ...(await testAuthEnvironment()),
      LOG_LEVEL: 'warn',
    });
    publisher = await EventPublisher.connect();
    grpc = GrpcTestClient.connect(GRPC_APIS.contract, service.grpcAddress);
  });

  afterAll(async () => {
    grpc?.close();
    await publisher?.close();
    await service?.close();
  });

  async function anActiveContract(): Promise<string> {
    const client = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/clients', payload: { name: uniqueName('Acme Corp'), ap_contact_email: 'ap@acme.example' } });
    expect(client.statusCode).toBe(201);
    const contract = await injectAs(service.app, 'admin', {
      method: 'POST',
      url: '/v1/contracts',
      payload: { client_id: client.json().id, title: 'Customer portal rebuild', currency: 'usd', total_value_cents: 3_000_000, net_days: 15, milestones: referenceMilestones() },
    });
    expect(contract.statusCode).toBe(201);
    const activated = await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/contracts/${contract.json().id}/activate` });
    expect(activated.statusCode).toBe(200);
    return contract.json().id;
  }

  async function statusesOf(contractId: string): Promise<string[]> {
    const response = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/contracts/${contractId}` });
    expect(response.statusCode).toBe(200);
    return response.json().milestones.map((milestone: { status: string }) => milestone.status);
  }

  function aStatusUpdate(contractId: string, data: Partial<EventData<'milestone.status_updated'>>): EventEnvelope<'milestone.status_updated'> {
    return aValidEvent('milestone.status_updated', { id: newEventId(), created_at: new Date().toISOString(), data: { contract_id: contractId, ...data } });
  }

  /** Publishes and waits until the contract shows the statuses; the events share the contract's key, so they are applied in order. */
  async function publishAndAwait(contractId: string, envelopes: EventEnvelope<'milestone.status_updated'>[], statuses: string[]): Promise<void> {
    for (const envelope of envelopes) await publisher.publish(envelope);
    await eventually(() => statusesOf(contractId), (shown) => JSON.stringify(shown) === JSON.stringify(statuses), `${contractId} showing ${statuses.join(', ')}`);
  }

  it('shows every milestone planned until a transition is heard, then each as last heard, kept in milestone_progress', async () => {
    // given an active contract of four milestones, nothing heard of them
    const contractId = await anActiveContract();
    expect(await statusesOf(contractId)).toEqual(['planned', 'planned', 'planned', 'planned']);
    // when milestone-service announces milestone 1 billed and milestone 2 submitted
    const milestoneId = newId('ms');
    const submitted = aStatusUpdate(contractId, { milestone_index: 2, milestone_id: milestoneId, status: 'submitted', version: 3, occurred_at: '2026-06-01T07:00:00.000Z' });
    await publishAndAwait(contractId, [aStatusUpdate(contractId, { milestone_index: 1, status: 'triggered_for_disbursement' }), submitted], ['triggered_for_disbursement', 'submitted', 'planned', 'planned']);
    // then the projection keeps one row per milestone heard of, naming the milestone and the event
    const rows = await service.runtime.dataSource.query(
      `SELECT milestone_index, milestone_id, status, milestone_version, updated_at, last_event_id FROM contract.milestone_progress WHERE contract_id = $1 ORDER BY milestone_index`,
      [contractId],
    );
    expect(rows).toEqual([
      expect.objectContaining({ milestone_index: 1, milestone_id: null, status: 'triggered_for_disbursement', milestone_version: null }),
      { milestone_index: 2, milestone_id: milestoneId, status: 'submitted', milestone_version: 3, updated_at: new Date('2026-06-01T07:00:00.000Z'), last_event_id: submitted.id },
    ]);
  });

  it('applies a redelivered transition once: the milestone is not set back to it', async () => {
    // given milestone 2 heard of as submitted, then approved (events without a version, as an older producer sends them)
    const contractId = await anActiveContract();
    const submitted = aStatusUpdate(contractId, { milestone_index: 2, status: 'submitted' });
    await publishAndAwait(contractId, [submitted, aStatusUpdate(contractId, { milestone_index: 2, status: 'approved' })], ['planned', 'approved', 'planned', 'planned']);
    // when Kafka redelivers the submission (same event id), followed on the same key by milestone 3 starting
    await publishAndAwait(contractId, [submitted, aStatusUpdate(contractId, { milestone_index: 3, status: 'in_progress' })], ['planned', 'approved', 'in_progress', 'planned']);
    // then milestone 2 is still approved, and the submission was taken in once
    const inbox = await service.runtime.dataSource.query(`SELECT consumer_group FROM contract.inbox WHERE event_id = $1`, [submitted.id]);
    expect(inbox).toEqual([{ consumer_group: 'contract-service.milestone-progress' }]);
  });

  it('does not roll a milestone back when a transition of an earlier version arrives late', async () => {
    // given milestone 3 heard of as invoiced at its version 6
    const contractId = await anActiveContract();
    await publishAndAwait(contractId, [aStatusUpdate(contractId, { milestone_index: 3, status: 'invoiced', version: 6 })], ['planned', 'planned', 'invoiced', 'planned']);
    // when its approval at version 4 arrives after it (replayed from the dead-letter topic, say), then milestone 4 starts
    await publishAndAwait(
      contractId,
      [aStatusUpdate(contractId, { milestone_index: 3, status: 'approved', version: 4 }), aStatusUpdate(contractId, { milestone_index: 4, status: 'in_progress', version: 2 })],
      ['planned', 'planned', 'invoiced', 'in_progress'],
    );
  });

  it("shows the statuses heard on the client's contract list and over gRPC", async () => {
    // given milestone 1 heard of as paid
    const contractId = await anActiveContract();
    await publishAndAwait(contractId, [aStatusUpdate(contractId, { milestone_index: 1, status: 'paid' })], ['paid', 'planned', 'planned', 'planned']);
    // then the REST list and gRPC's GetContract and ListContracts show it too
    const { contract } = await grpc.call('GetContract', { contract_id: contractId });
    const statuses = ['MILESTONE_STATUS_PAID', 'MILESTONE_STATUS_PLANNED', 'MILESTONE_STATUS_PLANNED', 'MILESTONE_STATUS_PLANNED'];
    expect(contract.milestones.map((milestone: { status: string }) => milestone.status)).toEqual(statuses);
    const { contracts } = await grpc.call('ListContracts', { client_id: contract.client_id });
    expect(contracts[0].milestones.map((milestone: { status: string }) => milestone.status)).toEqual(statuses);
    const list = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/contracts?client_id=${contract.client_id}` });
    expect(list.json().data[0].milestones.map((milestone: { status: string }) => milestone.status)).toEqual(['paid', 'planned', 'planned', 'planned']);
  });
});
