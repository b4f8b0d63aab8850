import { InMemoryUnitOfWork, RecordingTimers } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import { InMemoryPlannedDateChangeRepository } from '../../../test/fakes/in-memory-planned-date-change.repository';
import type { Milestone } from '../../domain/milestone/milestone';
import { aMilestone } from '../../domain/milestone/milestone.fixtures';
import { MILESTONE_TIMERS } from '../../domain/milestone/planned-date.policy';
import { MovePlannedDateHandler } from './move-planned-date.handler';

describe('MovePlannedDateHandler', () => {
  // 27 May: the milestone planned for 25 May is late, and was announced so
  const now = new Date('2026-05-27T10:00:00Z');

  async function given(milestone: Milestone, options: { advanceNoticeDays?: number } = {}) {
    const milestones = new InMemoryMilestoneRepository();
    const history = new InMemoryPlannedDateChangeRepository();
    const timers = new RecordingTimers();
    const unitOfWork = new InMemoryUnitOfWork();
    await milestones.add(milestone);
    await timers.schedule(MILESTONE_TIMERS.dueSoon, milestone.id, new Date('2026-05-18T00:00:00Z'), { planned_date: '2026-05-25' });
    await timers.schedule(MILESTONE_TIMERS.plannedDatePassed, milestone.id, new Date('2026-05-26T00:00:00Z'), { planned_date: '2026-05-25' });
    timers.scheduled.splice(0);
    const handler = new MovePlannedDateHandler(unitOfWork, milestones, history, timers, { now: () => now });
    return { milestones, history, timers, unitOfWork, handler, milestoneId: milestone.id, options };
  }

  function aLateMilestone(advanceNoticeDays = 7): Milestone {
    const milestone = aMilestone('on_approval', { plannedDate: '2026-05-25', advanceNoticeDays }).inProgress();
    milestone.announceDelay('2026-05-25', new Date('2026-05-26T00:00:00Z'));
    milestone.pullEvents();
    return milestone;
  }

  it('moves the planned date, keeps the history with the reason, clears the delay and sets the timers for the new date', async () => {
    // given a milestone in progress announced late for 25 May
    const { milestones, history, timers, unitOfWork, handler, milestoneId } = await given(aLateMilestone());
    // when its planned date moves to 30 June
    const moved = await handler.execute({ milestoneId, plannedDate: '2026-06-30', reason: 'The client moved the UAT window.' });
    // then it is planned for 30 June, no longer late, at the same version
    expect(moved).toMatchObject({ plannedDate: '2026-06-30', delayAnnouncedFor: null, dueSoonAnnouncedFor: null, status: 'in_progress', version: 2 });
    expect(milestones.stored(milestoneId)).toMatchObject({ plannedDate: '2026-06-30', delayAnnouncedFor: null, updatedAt: now });
    // and the move is in the history, with its reason
    expect(history.entries).toEqual([
      { id: expect.stringMatching(/^pdc_/), milestoneId, fromDate: '2026-05-25', toDate: '2026-06-30', reason: 'The client moved the UAT window.', changedAt: now },
    ]);
    // and the advance notice (a week before) and the delay check (the day after) are set for the new date
    expect(timers.pending()).toEqual([
      { timer: MILESTONE_TIMERS.dueSoon, key: milestoneId, dueAt: new Date('2026-06-23T00:00:00Z'), data: { planned_date: '2026-06-30' } },
      { timer: MILESTONE_TIMERS.plannedDatePassed, key: milestoneId, dueAt: new Date('2026-07-01T00:00:00Z'), data: { planned_date: '2026-06-30' } },
    ]);
    expect(unitOfWork.unitsRun).toBe(1);
  });

  it('cancels the old advance notice when the new date leaves none to give', async () => {
    // given a milestone of a contract that turned advance notices off
    const { timers, handler, milestoneId } = await given(aLateMilestone(0));
    // when its planned date moves to 30 June
    await handler.execute({ milestoneId, plannedDate: '2026-06-30', reason: 'Rescheduled.' });
    // then only the delay check is pending, for the new date
    expect(timers.pending().map(({ timer, data }) => [timer, data.planned_date])).toEqual([[MILESTONE_TIMERS.plannedDatePassed, '2026-06-30']]);
    // (cancelling the billing date a milestone billed on approval never had is harmless)
    expect(timers.cancelled).toEqual([
      { timer: MILESTONE_TIMERS.dueSoon, key: milestoneId },
      { timer: MILESTONE_TIMERS.billingDate, key: milestoneId },
    ]);
  });

  it("moves an on_date milestone's billing date with its planned date", async () => {
    // given an on_date milestone in progress, planned for 30 May (billed then), on 27 May
    const milestone = aMilestone('on_date', { plannedDate: '2026-05-30' }).inProgress();
    const { timers, handler, milestoneId } = await given(milestone);
    await timers.schedule(MILESTONE_TIMERS.billingDate, milestoneId, new Date('2026-05-30T00:00:00Z'), { planned_date: '2026-05-30' });
    // when its planned date moves to 30 June
    await handler.execute({ milestoneId, plannedDate: '2026-06-30', reason: 'Billing moved with the phase.' });
    // then it is billed at the start of 30 June instead, and has no delay check
    expect(timers.pendingFor(MILESTONE_TIMERS.billingDate, milestoneId)).toEqual({
      timer: MILESTONE_TIMERS.billingDate,
      key: milestoneId,
      dueAt: new Date('2026-06-30T00:00:00Z'),
      data: { planned_date: '2026-06-30' },
    });
    expect(timers.pendingFor(MILESTONE_TIMERS.plannedDatePassed, milestoneId)).toBeUndefined();
  });

  it('refuses to move the date of a submitted milestone as a conflict, keeping its date, history and timers', async () => {
    // given a submitted milestone
    const { milestones, history, timers, handler, milestoneId } = await given(aMilestone('on_approval', { plannedDate: '2026-05-25' }).submitted());
    // when its planned date is moved
    const moving = handler.execute({ milestoneId, plannedDate: '2026-06-30', reason: 'Late anyway.' });
    // then it is refused and nothing changed
    await expect(moving).rejects.toMatchObject({ kind: 'conflict', code: 'milestone.not_reschedulable', field: 'status' });
    expect(milestones.stored(milestoneId)).toMatchObject({ plannedDate: '2026-05-25' });
    expect(history.entries).toEqual([]);
    expect([timers.scheduled, timers.cancelled]).toEqual([[], []]);
  });

  it('refuses a date in the past on the planned_date field, changing nothing', async () => {
    const { milestones, history, handler, milestoneId } = await given(aLateMilestone());
    await expect(handler.execute({ milestoneId, plannedDate: '2026-05-26', reason: 'Backdated.' })).rejects.toMatchObject({
      kind: 'invalid',
      code: 'milestone.invalid_planned_date',
      field: 'planned_date',
    });
    expect(milestones.stored(milestoneId)).toMatchObject({ plannedDate: '2026-05-25', delayAnnouncedFor: '2026-05-25' });
    expect(history.entries).toEqual([]);
  });

  it('answers an unknown milestone with milestone.not_found', async () => {
    const { handler } = await given(aLateMilestone());
    await expect(handler.execute({ milestoneId: 'ms_01JTEST0000000000000000999', plannedDate: '2026-06-30', reason: 'x' })).rejects.toMatchObject({
      kind: 'not_found',
      code: 'milestone.not_found',
    });
  });
});
