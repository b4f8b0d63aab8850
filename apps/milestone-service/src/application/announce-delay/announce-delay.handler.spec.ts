import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import type { Milestone } from '../../domain/milestone/milestone';
import { aMilestone } from '../../domain/milestone/milestone.fixtures';
import { AnnounceDelayHandler } from './announce-delay.handler';

describe('AnnounceDelayHandler', () => {
  // three days after the 25 May planned date (the service was down when the timer fell due)
  const now = new Date('2026-05-28T08:00:00Z');
  const dayAfter = new Date('2026-05-26T00:00:00Z');

  async function given(milestone: Milestone, clockNow = now) {
    const milestones = new InMemoryMilestoneRepository();
    const outbox = new RecordingEventOutbox();
    await milestones.add(milestone);
    const handler = new AnnounceDelayHandler(new InMemoryUnitOfWork(), milestones, outbox, { now: () => clockNow });
    return { milestones, outbox, handler, milestoneId: milestone.id };
  }

  it('announces a milestone not submitted by its planned date as delayed, with the days late and its status', async () => {
    // given a milestone in progress planned for 25 May
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone('on_approval', { plannedDate: '2026-05-25' }).inProgress());
    // when the planned date's timer fires
    const result = await handler.execute({ milestoneId, plannedDate: '2026-05-25', dueAt: dayAfter });
    // then milestone.delayed says how late, and the delay is remembered without a new version
    expect(result).toEqual({ announced: true });
    expect(outbox.only('milestone.delayed')).toMatchObject({
      milestone_id: milestoneId,
      milestone_index: 2,
      planned_date: '2026-05-25',
      days_late: 3,
      status: 'in_progress',
      amount_due_cents: 750_000,
      currency: 'usd',
    });
    expect(milestones.stored(milestoneId)).toMatchObject({ delayAnnouncedFor: '2026-05-25', version: 2 });
  });

  it('announces the delay once, however often the timer fires', async () => {
    const { outbox, handler, milestoneId } = await given(aMilestone('on_approval', { plannedDate: '2026-05-25' }).planned());
    await handler.execute({ milestoneId, plannedDate: '2026-05-25', dueAt: dayAfter });
    await expect(handler.execute({ milestoneId, plannedDate: '2026-05-25', dueAt: dayAfter })).resolves.toEqual({ announced: false });
    expect(outbox.names()).toEqual(['milestone.delayed']);
  });

  it('counts the days late from when the timer was due on an instance whose clock is behind', async () => {
    // given an instance whose clock says 20 May, firing the timer another instance set for 26 May
    const { outbox, handler, milestoneId } = await given(aMilestone('on_approval', { plannedDate: '2026-05-25' }).planned(), new Date('2026-05-20T00:00:00Z'));
    // when it fires
    await handler.execute({ milestoneId, plannedDate: '2026-05-25', dueAt: dayAfter });
    // then the milestone is one day late, as of the due instant
    expect(outbox.only('milestone.delayed')).toMatchObject({ days_late: 1, status: 'planned' });
  });

  it('announces nothing for a milestone submitted in time', async () => {
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone('on_approval', { plannedDate: '2026-05-25' }).submitted());
    await expect(handler.execute({ milestoneId, plannedDate: '2026-05-25', dueAt: dayAfter })).resolves.toEqual({ announced: false });
    expect(outbox.recorded).toEqual([]);
    expect(milestones.stored(milestoneId)).toMatchObject({ delayAnnouncedFor: null });
  });
});
