import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import type { Milestone } from '../../domain/milestone/milestone';
import { aBillingHoldRequest, aMilestone, laterBy } from '../../domain/milestone/milestone.fixtures';
import { MILESTONE_TIMERS } from '../../domain/milestone/planned-date.policy';
import { TriggerBillingDateHandler } from './trigger-billing-date.handler';

describe('TriggerBillingDateHandler', () => {
  // the start of 25 May, the milestone's planned date
  const onTheDate = new Date('2026-05-25T00:00:00Z');

  async function given(milestone: Milestone) {
    const milestones = new InMemoryMilestoneRepository();
    const outbox = new RecordingEventOutbox();
    const timers = new RecordingTimers();
    const unitOfWork = new InMemoryUnitOfWork();
    await milestones.add(milestone);
    await timers.schedule(MILESTONE_TIMERS.dueSoon, milestone.id, new Date('2026-05-18T00:00:00Z'), { planned_date: '2026-05-25' });
    await timers.schedule(MILESTONE_TIMERS.billingDate, milestone.id, onTheDate, { planned_date: '2026-05-25' });
    const fired = timers.take(MILESTONE_TIMERS.billingDate, milestone.id);
    const handler = new TriggerBillingDateHandler(unitOfWork, milestones, outbox, timers);
    return { milestones, outbox, timers, unitOfWork, handler, milestoneId: milestone.id, fired };
  }

  it('triggers an on_date milestone in progress for disbursement on its date, announcing milestone.status_updated', async () => {
    // given an on_date milestone still in progress, planned for 25 May
    const { milestones, outbox, timers, unitOfWork, handler, milestoneId, fired } = await given(aMilestone('on_date', { plannedDate: '2026-05-25' }).inProgress());
    // when its billing date fires
    const result = await handler.execute({ milestoneId, plannedDate: '2026-05-25', dueAt: fired.dueAt });
    // then it is triggered, dated the start of its date, one version on
    expect(result).toEqual({ triggered: true });
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'triggered_for_disbursement', triggeredAt: onTheDate, version: 3 });
    // and invoicing is told, unheld, dated the date
    expect(outbox.only('milestone.status_updated')).toMatchObject({
      milestone_id: milestoneId,
      previous_status: 'in_progress',
      status: 'triggered_for_disbursement',
      billing_hold: false,
      occurred_at: '2026-05-25T00:00:00.000Z',
    });
    // and the advance notice left pending has nothing more to announce
    expect(timers.cancelled).toEqual([
      { timer: MILESTONE_TIMERS.dueSoon, key: milestoneId },
      { timer: MILESTONE_TIMERS.plannedDatePassed, key: milestoneId },
    ]);
    expect(timers.pending()).toEqual([]);
    expect(unitOfWork.unitsRun).toBe(1);
  });

  it('records the trigger of a held milestone, announced as held', async () => {
    // given an on_date milestone approved early, then put on a billing hold
    const milestone = aMilestone('on_date', { plannedDate: '2026-05-25' }).triggered();
    milestone.placeBillingHold(aBillingHoldRequest(), laterBy(5));
    milestone.pullEvents();
    const { outbox, handler, milestoneId, fired } = await given(milestone);
    // when its billing date fires
    await handler.execute({ milestoneId, plannedDate: '2026-05-25', dueAt: fired.dueAt });
    // then the trigger goes out held: invoicing issues nothing until the hold is released
    expect(outbox.only('milestone.status_updated')).toMatchObject({ previous_status: 'approved', status: 'triggered_for_disbursement', billing_hold: true });
  });

  it('triggers once, however often the timer fires', async () => {
    const { outbox, handler, milestoneId, fired } = await given(aMilestone('on_date', { plannedDate: '2026-05-25' }).planned());
    await handler.execute({ milestoneId, plannedDate: '2026-05-25', dueAt: fired.dueAt });
    await expect(handler.execute({ milestoneId, plannedDate: '2026-05-25', dueAt: fired.dueAt })).resolves.toEqual({ triggered: false });
    expect(outbox.names()).toEqual(['milestone.status_updated']);
  });

  it.each([
    ['a cancelled milestone', () => {
      const milestone = aMilestone('on_date', { plannedDate: '2026-05-25' }).planned();
      milestone.cancel('Scope dropped.', laterBy(1));
      milestone.pullEvents();
      return milestone;
    }, '2026-05-25'],
    ['a timer left over from a date since moved', () => aMilestone('on_date', { plannedDate: '2026-06-30' }).planned(), '2026-05-25'],
  ])('does nothing for %s', async (_case, build, plannedDate) => {
    const { milestones, outbox, timers, handler, milestoneId, fired } = await given(build());
    const before = milestones.stored(milestoneId);
    await expect(handler.execute({ milestoneId, plannedDate, dueAt: fired.dueAt })).resolves.toEqual({ triggered: false });
    expect(milestones.stored(milestoneId)).toEqual(before);
    expect(outbox.recorded).toEqual([]);
    expect(timers.cancelled).toEqual([]);
  });

  it('refuses a milestone that does not exist, recording nothing', async () => {
    const { outbox, handler } = await given(aMilestone('on_date').planned());
    await expect(handler.execute({ milestoneId: 'ms_01JXNOSUCH0000000000000000', plannedDate: '2026-05-25', dueAt: onTheDate })).rejects.toMatchObject({
      code: 'milestone.not_found',
    });
    expect(outbox.recorded).toEqual([]);
  });
});
