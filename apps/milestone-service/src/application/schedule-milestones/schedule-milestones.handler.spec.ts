import { aValidEvent } from '@mb/events';
import { createLogger } from '@mb/observability';
import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import { ScheduleMilestonesHandler } from './schedule-milestones.handler';

describe('ScheduleMilestonesHandler', () => {
  const now = new Date('2026-03-10T16:30:13Z');

  function setUp() {
    const unitOfWork = new InMemoryUnitOfWork();
    const milestones = new InMemoryMilestoneRepository();
    const outbox = new RecordingEventOutbox();
    const handler = new ScheduleMilestonesHandler(unitOfWork, milestones, outbox, { now: () => now }, createLogger('milestone-service', 'silent'));
    return { unitOfWork, milestones, outbox, handler };
  }

  it('turns the signed schedule into milestones, the deposit billable at once, announcing each change', async () => {
    // given a contract signed with a deposit on signing and three milestones on approval
    const { unitOfWork, milestones, outbox, handler } = setUp();
    const activation = aValidEvent('contract.activated');
    const contractId = activation.data.contract_id;
    // when its activation is handled
    const result = await handler.execute(activation.data, activation.id);
    // then four milestones are stored in schedule order, the deposit triggered, the rest planned
    expect(result).toEqual({ scheduled: 4 });
    expect(milestones.ofContract(contractId).map(({ milestoneIndex, status, amountCents, billingTrigger, version }) => [
      milestoneIndex, status, amountCents, billingTrigger, version,
    ])).toEqual([
      [1, 'triggered_for_disbursement', 750_000, 'on_signing', 2],
      [2, 'planned', 750_000, 'on_approval', 1],
      [3, 'planned', 1_050_000, 'on_approval', 1],
      [4, 'planned', 450_000, 'on_approval', 1],
    ]);
    const [deposit, second] = milestones.ofContract(contractId);
    expect(deposit).toMatchObject({ clientId: activation.data.client_id, currency: 'usd', createdAt: now, triggeredAt: now, payoutDestination: null });
    expect(second).toMatchObject({ payoutDestination: { accountToken: 'acc_1Q9xYzLmNoPqRsTu', autoClear: true }, plannedDate: '2026-05-25' });
    expect(deposit.id).toMatch(/^ms_[0-9A-Z]{26}$/);
    // and each creation and the deposit's trigger are announced, caused by the activation, in one unit of work
    expect(outbox.recorded.map(({ data }) => data)).toMatchObject([
      { milestone_index: 1, status: 'planned', version: 1 },
      { milestone_index: 1, status: 'triggered_for_disbursement', previous_status: 'planned', version: 2 },
      { milestone_index: 2, status: 'planned' },
      { milestone_index: 3, status: 'planned' },
      { milestone_index: 4, status: 'planned' },
    ]);
    expect(outbox.recorded.every(({ causationId }) => causationId === activation.id)).toBe(true);
    expect(unitOfWork.unitsRun).toBe(1);
  });

  it('ignores the same activation announced again, scheduling and recording nothing more', async () => {
    // given a contract whose milestones were already scheduled
    const { milestones, outbox, handler } = setUp();
    const activation = aValidEvent('contract.activated');
    await handler.execute(activation.data, activation.id);
    const recordedBefore = outbox.recorded.length;
    // when its activation is announced again under another event id
    const again = aValidEvent('contract.activated', { id: 'evt_01JX0000000000000000000099' });
    const result = await handler.execute(again.data, again.id);
    // then nothing more is scheduled or announced
    expect(result).toEqual({ scheduled: 0 });
    expect(milestones.ofContract(activation.data.contract_id)).toHaveLength(4);
    expect(outbox.recorded).toHaveLength(recordedBefore);
  });
});
