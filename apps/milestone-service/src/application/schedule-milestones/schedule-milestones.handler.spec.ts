import { aValidEvent } from '@mb/events';
import { createLogger } from '@mb/observability';
import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import { ScheduleMilestonesHandler } from './schedule-milestones.handler';

/** The timers waiting for one milestone (keyed by its id), in the order first set. */
function pendingFor(timers: RecordingTimers, key: string) {
  return timers.pending().filter((timer) => timer.key === key);
}

describe('ScheduleMilestonesHandler', () => {
  const now = new Date('2026-03-10T16:30:13Z');

  function setUp() {
    const unitOfWork = new InMemoryUnitOfWork();
    const milestones = new InMemoryMilestoneRepository();
    const outbox = new RecordingEventOutbox();
    const timers = new RecordingTimers();
    const handler = new ScheduleMilestonesHandler(unitOfWork, milestones, outbox, timers, { now: () => now }, createLogger('milestone-service', 'silent'));
    return { unitOfWork, milestones, outbox, timers, handler };
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

  it("sets each planned milestone's advance notice a week before its date and its delay check the day after, keeping the contract's terms", async () => {
    // given a contract signed on 10 March, net-30, a week's notice, milestones planned for 25 May, 20 July and 31 August
    const { milestones, timers, handler } = setUp();
    const activation = aValidEvent('contract.activated');
    // when its activation is handled
    await handler.execute(activation.data, activation.id);
    // then each milestone still to be done has its two timers, keyed by its id, set for its planned date
    const [deposit, second, third, fourth] = milestones.ofContract(activation.data.contract_id);
    expect(pendingFor(timers, deposit.id)).toEqual([]);
    expect(pendingFor(timers, second.id)).toEqual([
      { timer: 'milestone.due_soon', key: second.id, dueAt: new Date('2026-05-18T00:00:00Z'), data: { planned_date: '2026-05-25' } },
      { timer: 'milestone.planned_date_passed', key: second.id, dueAt: new Date('2026-05-26T00:00:00Z'), data: { planned_date: '2026-05-25' } },
    ]);
    expect(pendingFor(timers, third.id).map(({ dueAt }) => dueAt)).toEqual([new Date('2026-07-13T00:00:00Z'), new Date('2026-07-21T00:00:00Z')]);
    expect(pendingFor(timers, fourth.id).map(({ dueAt }) => dueAt)).toEqual([new Date('2026-08-24T00:00:00Z'), new Date('2026-09-01T00:00:00Z')]);
    // and the milestones keep what their announcements need of the contract
    expect(second).toMatchObject({ netDays: 30, advanceNoticeDays: 7, dueSoonAnnouncedFor: null, delayAnnouncedFor: null });
  });

  it('sets the billing date of an on_date milestone at the start of its date, or at once when it has begun', async () => {
    // given a contract signed on 10 March whose second milestone is billed on 25 May and third on 1 March (already past)
    const { milestones, timers, handler } = setUp();
    const activation = aValidEvent('contract.activated');
    const entries = activation.data.milestones.map((entry) =>
      entry.milestone_index === 2 ? { ...entry, billing_trigger: 'on_date' as const } : entry.milestone_index === 3 ? { ...entry, billing_trigger: 'on_date' as const, planned_date: '2026-03-01' } : entry,
    );
    // when its activation is handled
    await handler.execute({ ...activation.data, milestones: entries }, activation.id);
    // then the second is billed at the start of 25 May (after its week's notice), with no delay check
    const [, second, third] = milestones.ofContract(activation.data.contract_id);
    expect(pendingFor(timers, second.id)).toEqual([
      { timer: 'milestone.due_soon', key: second.id, dueAt: new Date('2026-05-18T00:00:00Z'), data: { planned_date: '2026-05-25' } },
      { timer: 'milestone.billing_date', key: second.id, dueAt: new Date('2026-05-25T00:00:00Z'), data: { planned_date: '2026-05-25' } },
    ]);
    // and the third, whose date has passed, is billed at once
    expect(pendingFor(timers, third.id)).toEqual([{ timer: 'milestone.billing_date', key: third.id, dueAt: now, data: { planned_date: '2026-03-01' } }]);
    expect(second.status).toBe('planned');
  });

  it('sets no advance notice for a contract that turned them off, and a week when the event does not say', async () => {
    // given one contract with advance_notice_days 0, and one from before the field existed
    const { milestones, timers, handler } = setUp();
    const silent = aValidEvent('contract.activated', { id: 'evt_01JX0000000000000000000010', data: { contract_id: 'con_01JXSILENT0000000000000000', advance_notice_days: 0 } });
    const older = aValidEvent('contract.activated', { id: 'evt_01JX0000000000000000000011', data: { contract_id: 'con_01JXOLDER00000000000000000' } });
    delete (older.data as { advance_notice_days?: number }).advance_notice_days;
    // when both are handled
    await handler.execute(silent.data, silent.id);
    await handler.execute(older.data, older.id);
    // then the first's milestones get only their delay checks, the second's a week's notice too
    const silentSecond = milestones.ofContract(silent.data.contract_id)[1];
    const olderSecond = milestones.ofContract(older.data.contract_id)[1];
    expect(pendingFor(timers, silentSecond.id).map(({ timer }) => timer)).toEqual(['milestone.planned_date_passed']);
    expect(olderSecond.advanceNoticeDays).toBe(7);
    expect(pendingFor(timers, olderSecond.id).map(({ timer }) => timer)).toEqual(['milestone.due_soon', 'milestone.planned_date_passed']);
  });

  it('ignores the same activation announced again, scheduling and recording nothing more', async () => {
    // given a contract whose milestones were already scheduled
    const { milestones, outbox, timers, handler } = setUp();
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
    expect(timers.scheduled).toHaveLength(6);
  });
});
