import { aValidEvent, type EventData, type EventEnvelope } from '@mb/events';
import { newEventId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { EventPublisher, injectAs, testAuthEnvironment, testKafka, testServiceEnvironment, TopicReader, uniqueName } from '@mb/testing';
import { contractServiceDefinition } from '../../src/contract-service.definition';
import { eventually, referenceMilestones } from './contract-test-kit';

// Issue 14 items 2 and 3 against the real PostgreSQL and Kafka: a termination settled from the
// milestones' progress as heard on milestone.status_updated, and a contract completing once its
// last milestone is paid.
describe('contract-service: termination that settles, and completion', () => {
  let service: BootstrappedService<unknown>;
  let publisher: EventPublisher;
  let reader: TopicReader;

  beforeAll(async () => {
    service = await bootstrapService(contractServiceDefinition, { ...testServiceEnvironment('contract-service'), ...(await testAuthEnvironment()), LOG_LEVEL: 'warn' });
    publisher = await EventPublisher.connect();
    reader = await TopicReader.start(testKafka(), ['contract.terminated', 'contract.completed']);
  });

  afterAll(async () => {
    await reader?.close();
    await publisher?.close();
    await service?.close();
  });

  /** An active contract of 30,000.00: 7,500.00, 10,500.00, 7,500.00 and 4,500.00 (25, 35, 25 and 15 %). */
  async function anActiveContract(): Promise<string> {
    const client = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/clients', payload: { name: uniqueName('Acme Corp'), ap_contact_email: 'ap@acme.example' } });
    const contract = await injectAs(service.app, 'admin', {
      method: 'POST',
      url: '/v1/contracts',
      payload: { client_id: client.json().id, title: 'Customer portal rebuild', currency: 'usd', total_value_cents: 3_000_000, net_days: 15, milestones: referenceMilestones() },
    });
    expect((await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/contracts/${contract.json().id}/activate` })).statusCode).toBe(200);
    return contract.json().id;
  }

  const contractOf = async (contractId: string) => (await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/contracts/${contractId}` })).json();

  /** milestone-service's word on each milestone, by index, in order; waits until the contract shows it. */
  async function heard(contractId: string, statuses: Record<number, EventData<'milestone.status_updated'>['status']>): Promise<void> {
    for (const [index, status] of Object.entries(statuses)) {
      const update: EventEnvelope<'milestone.status_updated'> = aValidEvent('milestone.status_updated', { id: newEventId(), data: { contract_id: contractId, milestone_index: Number(index), status } });
      await publisher.publish(update);
    }
    await eventually(
      () => contractOf(contractId),
      (contract) => Object.entries(statuses).every(([index, status]) => contract.milestones[Number(index) - 1].status === status),
      `${contractId} showing what was heard`,
    );
  }

  it('terminates with milestone 3 billed at 40 %, announcing a settlement that adds up to the contract value', async () => {
    // given the deposit invoiced, milestone 2 approved, milestone 3 in progress, milestone 4 planned
    const contractId = await anActiveContract();
    await heard(contractId, { 1: 'invoiced', 2: 'approved', 3: 'in_progress' });
    const terminate = (payload: object) => injectAs(service.app, 'project_manager', { method: 'POST', url: `/v1/contracts/${contractId}/terminate`, payload, headers: { 'idempotency-key': uniqueName('terminate') } });
    const uatAtForty = { milestone_index: 3, percent_bps: 4000, basis: 'client_agreement', agreement_reference: 'Email of 28 August' };

    // when a partial billing names the planned milestone, or none of the schedule, it is refused, naming the field
    const planned = await terminate({ reason: 'Client cancelled.', partial_billing: [{ ...uatAtForty, milestone_index: 4 }] });
    expect([planned.statusCode, planned.json().code, planned.json().errors[0].field]).toEqual([409, 'contract.partial_billing_not_allowed', 'partial_billing[0].milestone_index']);
    const unknown = await terminate({ reason: 'Client cancelled.', partial_billing: [{ ...uatAtForty, milestone_index: 9 }] });
    expect([unknown.statusCode, unknown.json().code, unknown.json().errors[0].field]).toEqual([422, 'contract.partial_billing_unknown_milestone', 'partial_billing[0].milestone_index']);
    const badBasis = await terminate({ reason: 'Client cancelled.', partial_billing: [{ ...uatAtForty, basis: 'goodwill' }] });
    expect(badBasis.statusCode).toBe(400);
    expect((await contractOf(contractId)).status).toBe('active');

    // when it is terminated with milestone 3 at 40 %
    const response = await terminate({ reason: 'Client cancelled.', partial_billing: [uatAtForty] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'terminated', terminated_by: expect.any(String), termination_effective_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });

    // then contract.terminated (version 2) carries the settlement
    const [event] = await eventually(() => reader.about('contract.terminated', 'contract_id', contractId), (found) => found.length === 1, 'contract.terminated');
    expect(event.headers['event-version']).toBe('2');
    expect(event.envelope.data).toMatchObject({
      total_value_cents: 3_000_000,
      billed_cents: 2_100_000,
      cancelled_cents: 900_000,
      milestones: [
        { milestone_index: 1, outcome: 'already_billed', billed_cents: 750_000, cancelled_cents: 0 },
        { milestone_index: 2, outcome: 'billed_in_full', billed_cents: 1_050_000, cancelled_cents: 0 },
        { milestone_index: 3, outcome: 'billed_partially', billed_cents: 300_000, cancelled_cents: 450_000, percent_bps: 4000, basis: 'client_agreement', agreement_reference: 'Email of 28 August' },
        { milestone_index: 4, outcome: 'cancelled', billed_cents: 0, cancelled_cents: 450_000 },
      ],
    });
  });

  it('completes once every milestone is paid or cancelled, at least one paid, announcing contract.completed', async () => {
    // given three milestones paid and the last invoiced
    const contractId = await anActiveContract();
    await heard(contractId, { 1: 'paid', 2: 'paid', 3: 'cancelled', 4: 'invoiced' });
    expect((await contractOf(contractId)).status).toBe('active');
    // when the last is paid
    await heard(contractId, { 4: 'paid' });
    // then the contract completes and says so
    const completed = await eventually(() => contractOf(contractId), (contract) => contract.status === 'completed', `${contractId} completed`);
    expect(completed.completed_at).toEqual(expect.any(String));
    const [event] = await eventually(() => reader.about('contract.completed', 'contract_id', contractId), (found) => found.length === 1, 'contract.completed');
    expect(event.envelope.data).toMatchObject({ contract_id: contractId, paid_milestones: 3, cancelled_milestones: 1, total_value_cents: 3_000_000 });
  });
});
