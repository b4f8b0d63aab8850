import { status } from '@grpc/grpc-js';
import { addDays, calendarDateOf, newId } from '@mb/kernel';
import { GRPC_APIS, instantOf } from '@mb/grpc';
import { GrpcCallError, GrpcTestClient, injectAs } from '@mb/testing';
import { aContractActivatedFor, eventually, EventPublisher, MilestoneService, startMilestoneService, StatusUpdateReader, testKafka } from './milestone-test-kit';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('milestone-service over gRPC', () => {
  let service: MilestoneService;
  let grpc: GrpcTestClient;
  let publisher: EventPublisher;
  let reader: StatusUpdateReader;

  beforeAll(async () => {
    service = await startMilestoneService();
    grpc = GrpcTestClient.connect(GRPC_APIS.milestone, service.grpcAddress);
    publisher = await EventPublisher.connect(testKafka());
    reader = await StatusUpdateReader.start(testKafka());
  });

  afterAll(async () => {
    grpc?.close();
    await reader?.close();
    await publisher?.close();
    await service?.close();
  });

  /** Publishes the contract's activation and waits until its four milestones are listed over gRPC. */
  async function activatedContract(): Promise<{ contractId: string; milestones: Json[] }> {
    const contractId = newId('con');
    await publisher.publish(aContractActivatedFor(contractId));
    const milestones = await eventually(
      async () => (await grpc.call('ListMilestones', { contract_id: contractId })).milestones as Json[],
      (found) => found.length === 4,
      `milestones of ${contractId}`,
    );
    return { contractId, milestones };
  }

  it('lists an activated contract\'s milestones in schedule order, statuses and triggers by enum name', async () => {
    const { contractId, milestones } = await activatedContract();
    expect(milestones.map(({ milestone_index, status: state, amount_cents, billing_trigger }) => [milestone_index, state, amount_cents, billing_trigger])).toEqual([
      [1, 'MILESTONE_STATUS_TRIGGERED_FOR_DISBURSEMENT', 750_000, 'BILLING_TRIGGER_ON_SIGNING'],
      [2, 'MILESTONE_STATUS_PLANNED', 750_000, 'BILLING_TRIGGER_ON_APPROVAL'],
      [3, 'MILESTONE_STATUS_PLANNED', 1_050_000, 'BILLING_TRIGGER_ON_APPROVAL'],
      [4, 'MILESTONE_STATUS_PLANNED', 450_000, 'BILLING_TRIGGER_ON_APPROVAL'],
    ]);
    expect(milestones[0]).toMatchObject({ contract_id: contractId, currency: 'usd', started_at: null });
    expect('evidence_url' in milestones[0]).toBe(false); // an unset optional field
    expect(instantOf(milestones[0].triggered_at)).toBeInstanceOf(Date);
    // and one reads the same as the list
    expect((await grpc.call('GetMilestone', { milestone_id: milestones[1].id })).milestone).toEqual(milestones[1]);
  });

  it('moves a milestone billed on approval through start, submit and approve to triggered_for_disbursement', async () => {
    // given an activated contract whose second milestone is planned
    const { contractId, milestones } = await activatedContract();
    const second = milestones[1];
    // when it is started, submitted with evidence and approved over gRPC
    const started = (await grpc.call('StartMilestone', { milestone_id: second.id })).milestone;
    const submitted = (await grpc.call('SubmitMilestone', { milestone_id: second.id, evidence_url: 'https://staging.example.com/prototype' })).milestone;
    const approved = (await grpc.call('ApproveMilestone', { milestone_id: second.id })).milestone;
    // then each answer is the milestone after the step, ending billable
    expect(started).toMatchObject({ id: second.id, status: 'MILESTONE_STATUS_IN_PROGRESS' });
    expect(submitted).toMatchObject({ status: 'MILESTONE_STATUS_SUBMITTED', evidence_url: 'https://staging.example.com/prototype' });
    expect(approved).toMatchObject({ status: 'MILESTONE_STATUS_TRIGGERED_FOR_DISBURSEMENT', version: 5 });
    expect(instantOf(approved.approved_at)).toBeInstanceOf(Date);
    // and the same use case published each step, as REST's does
    const transitions = await eventually(() => reader.transitionsOf(contractId, 2), (found) => found.length === 5, 'five updates of milestone 2');
    expect(transitions.map(([, state]) => state)).toEqual(['planned', 'in_progress', 'submitted', 'approved', 'triggered_for_disbursement']);
    // and REST reads what gRPC wrote
    const rest = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/milestones/${second.id}` });
    expect(rest.json()).toMatchObject({ status: 'triggered_for_disbursement', version: 5 });
  });

  it('refuses to approve a planned milestone with FAILED_PRECONDITION milestone.illegal_transition, changing nothing', async () => {
    const { milestones } = await activatedContract();
    const refusal = await grpc.refusal('ApproveMilestone', { milestone_id: milestones[2].id });
    expect([refusal.code, refusal.errorCode]).toEqual([status.FAILED_PRECONDITION, 'milestone.illegal_transition']);
    expect(refusal.fieldErrors).toEqual([expect.objectContaining({ field: 'status', rule: 'milestone.illegal_transition' })]);
    expect((await grpc.call('GetMilestone', { milestone_id: milestones[2].id })).milestone).toMatchObject({ status: 'MILESTONE_STATUS_PLANNED', version: 1 });
  });

  it('sends a rejected submission back to work, keeping the reason', async () => {
    const { milestones } = await activatedContract();
    const id = milestones[3].id;
    await grpc.call('StartMilestone', { milestone_id: id });
    await grpc.call('SubmitMilestone', { milestone_id: id, evidence_url: 'https://example.com/launch' });
    const rejected = (await grpc.call('RejectMilestone', { milestone_id: id, reason: 'Release notes missing' })).milestone;
    expect(rejected).toMatchObject({ status: 'MILESTONE_STATUS_REJECTED', rejection_reason: 'Release notes missing' });
    expect((await grpc.call('StartMilestone', { milestone_id: id })).milestone).toMatchObject({ status: 'MILESTONE_STATUS_IN_PROGRESS' });
  });

  it('cancels an unbilled milestone with a reason', async () => {
    const { milestones } = await activatedContract();
    const cancelled = (await grpc.call('CancelMilestone', { milestone_id: milestones[3].id, reason: 'Descoped' })).milestone;
    expect(cancelled).toMatchObject({ status: 'MILESTONE_STATUS_CANCELLED', cancellation_reason: 'Descoped' });
  });

  it('places a billing hold, keeps the approval\'s trigger held, and releases it, publishing the trigger again unheld', async () => {
    // given a submitted milestone
    const { contractId, milestones } = await activatedContract();
    const id = milestones[1].id;
    await grpc.call('StartMilestone', { milestone_id: id });
    await grpc.call('SubmitMilestone', { milestone_id: id, evidence_url: 'https://staging.example.com/prototype' });
    // when it is held over gRPC, then approved
    const held = (await grpc.call('PlaceBillingHold', { milestone_id: id, reason: 'PO amendment pending', placed_by: 'jane.doe@agency.example' })).milestone;
    const approved = (await grpc.call('ApproveMilestone', { milestone_id: id })).milestone;
    // then the hold is on the message, its instant a Timestamp, and the trigger is recorded under it
    expect(held.billing_hold).toMatchObject({ reason: 'PO amendment pending', placed_by: 'jane.doe@agency.example' });
    expect(instantOf(held.billing_hold.placed_at)).toBeInstanceOf(Date);
    expect(approved).toMatchObject({ status: 'MILESTONE_STATUS_TRIGGERED_FOR_DISBURSEMENT', billing_hold: { reason: 'PO amendment pending' } });
    // and a second hold is FAILED_PRECONDITION milestone.already_held
    const again = await grpc.refusal('PlaceBillingHold', { milestone_id: id, reason: 'Again', placed_by: 'sam.lee@agency.example' });
    expect([again.code, again.errorCode]).toEqual([status.FAILED_PRECONDITION, 'milestone.already_held']);
    // when released
    const released = (await grpc.call('ReleaseBillingHold', { milestone_id: id, released_by: 'sam.lee@agency.example' })).milestone;
    // then no hold is set (the field unset reads as null), and the trigger went out held, then unheld
    expect(released).toMatchObject({ status: 'MILESTONE_STATUS_TRIGGERED_FOR_DISBURSEMENT', billing_hold: null, version: 7 });
    const triggers = await eventually(
      () => reader.of(contractId).filter(({ envelope }) => envelope.data.milestone_index === 2 && envelope.data.status === 'triggered_for_disbursement'),
      (found) => found.length === 2,
      'the held and the released trigger of milestone 2',
    );
    expect(triggers.map(({ envelope }) => [envelope.data.billing_hold, envelope.data.reason ?? null])).toEqual([
      [true, null],
      [false, 'billing hold released'],
    ]);
    // and a release without a hold is FAILED_PRECONDITION milestone.not_held
    const notHeld = await grpc.refusal('ReleaseBillingHold', { milestone_id: id, released_by: 'sam.lee@agency.example' });
    expect([notHeld.code, notHeld.errorCode]).toEqual([status.FAILED_PRECONDITION, 'milestone.not_held']);
  });

  it('moves a planned date with a reason and lists the history; a submitted milestone is FAILED_PRECONDITION milestone.not_reschedulable', async () => {
    // given an activated contract, its third milestone submitted
    const { milestones } = await activatedContract();
    const [, second, third] = milestones;
    await grpc.call('StartMilestone', { milestone_id: third.id });
    await grpc.call('SubmitMilestone', { milestone_id: third.id, evidence_url: 'https://example.com/uat' });
    const newDate = addDays(calendarDateOf(service.runtime.clock.now()), 500);
    // when the second's planned date moves over gRPC, and the third's is asked to
    const moved = (await grpc.call('MovePlannedDate', { milestone_id: second.id, planned_date: newDate, reason: 'Client holiday freeze.' })).milestone;
    const refusal = await grpc.refusal('MovePlannedDate', { milestone_id: third.id, planned_date: newDate, reason: 'Later.' });
    // then the second is planned for the new date at the same version, and the move is listed
    expect(moved).toMatchObject({ id: second.id, planned_date: newDate, advance_notice_days: 7, version: 1 });
    expect('delay_announced_for' in moved).toBe(false); // unset: not late
    const { changes } = await grpc.call('ListPlannedDateChanges', { milestone_id: second.id });
    expect(changes).toEqual([expect.objectContaining({ milestone_id: second.id, from_date: second.planned_date, to_date: newDate, reason: 'Client holiday freeze.' })]);
    expect(instantOf(changes[0].changed_at)).toBeInstanceOf(Date);
    // and the third is refused as a failed precondition
    expect([refusal.code, refusal.errorCode]).toEqual([status.FAILED_PRECONDITION, 'milestone.not_reschedulable']);
  });

  it.each([
    ['SubmitMilestone', { evidence_url: 'not a url' }, 'evidence_url', 'isUrl'],
    ['SubmitMilestone', {}, 'evidence_url', 'isNotEmpty'],
    ['RejectMilestone', { reason: '' }, 'reason', 'isNotEmpty'],
    ['PlaceBillingHold', { reason: 'PO pending' }, 'placed_by', 'isNotEmpty'],
    ['PlaceBillingHold', { placed_by: 'jane.doe@agency.example' }, 'reason', 'isNotEmpty'],
    ['ReleaseBillingHold', {}, 'released_by', 'isNotEmpty'],
  ])('refuses %s with %j as INVALID_ARGUMENT naming %s and %s', async (rpc, fields, field, rule) => {
    const refusal = await grpc.refusal(rpc, { milestone_id: newId('ms'), ...fields });
    expect([refusal.code, refusal.errorCode]).toEqual([status.INVALID_ARGUMENT, 'request.invalid']);
    expect(refusal.fieldErrors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
  });

  it('answers an unknown milestone with NOT_FOUND and a malformed id with INVALID_ARGUMENT', async () => {
    const unknown = await grpc.refusal('StartMilestone', { milestone_id: newId('ms') });
    expect([unknown.code, unknown.errorCode]).toEqual([status.NOT_FOUND, 'milestone.not_found']);
    const malformed = await grpc.refusal('GetMilestone', { milestone_id: 'inv_1' });
    expect(malformed.code).toBe(status.INVALID_ARGUMENT);
    expect(malformed.fieldErrors).toEqual([expect.objectContaining({ field: 'milestone_id', rule: 'matches' })]);
    expect((await grpc.call('ListMilestones', { contract_id: newId('con') })).milestones).toEqual([]);
  });

  it('lets only one of two simultaneous approvals through; the other is ABORTED or FAILED_PRECONDITION by its code', async () => {
    // given a submitted milestone
    const { milestones } = await activatedContract();
    const id = milestones[2].id;
    await grpc.call('StartMilestone', { milestone_id: id });
    await grpc.call('SubmitMilestone', { milestone_id: id, evidence_url: 'https://example.com/uat' });
    // when two approvals race
    const answers = await Promise.allSettled([grpc.call('ApproveMilestone', { milestone_id: id }), grpc.call('ApproveMilestone', { milestone_id: id })]);
    // then one wins; the loser lost the optimistic race (ABORTED, retry) or came after (FAILED_PRECONDITION)
    expect(answers.map((answer) => answer.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = (answers.find((answer) => answer.status === 'rejected') as PromiseRejectedResult).reason as GrpcCallError;
    expect([
      [status.ABORTED, 'milestone.concurrent_update'],
      [status.FAILED_PRECONDITION, 'milestone.illegal_transition'],
    ]).toContainEqual([loser.code, loser.errorCode]);
  });
});
