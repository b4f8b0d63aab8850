import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import type { Milestone } from '../../domain/milestone/milestone';
import { aMilestone } from '../../domain/milestone/milestone.fixtures';
import { AnnounceDueSoonHandler } from './announce-due-soon.handler';

describe('AnnounceDueSoonHandler', () => {
  // the advance notice of a milestone planned for 25 May, a week ahead
  const noticeDay = new Date('2026-05-18T00:00:00Z');

  async function given(milestone: Milestone, now = noticeDay) {
    const milestones = new InMemoryMilestoneRepository();
    const outbox = new RecordingEventOutbox();
    await milestones.add(milestone);
    const handler = new AnnounceDueSoonHandler(new InMemoryUnitOfWork(), milestones, outbox, { now: () => now });
    return { milestones, outbox, handler, milestoneId: milestone.id };
  }

  it('announces a planned milestone as due soon with the amount, the expected invoice date and its due date under the terms', async () => {
    // given a milestone planned for 25 May, net-30
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone('on_approval', { plannedDate: '2026-05-25', netDays: 30 }).planned());
    // when its advance notice falls due
    const result = await handler.execute({ milestoneId, plannedDate: '2026-05-25', dueAt: noticeDay });
    // then milestone.due_soon says what is coming and when it will be due, and the notice is remembered
    expect(result).toEqual({ announced: true });
    expect(outbox.only('milestone.due_soon')).toMatchObject({
      milestone_id: milestoneId,
      milestone_index: 2,
      milestone_title: 'Midway UI Prototype Sign-off',
      planned_date: '2026-05-25',
      days_until_due: 7,
      amount_due_cents: 750_000,
      currency: 'usd',
      expected_invoice_date: '2026-05-25',
      net_days: 30,
      expected_due_date: '2026-06-24',
    });
    expect(milestones.stored(milestoneId)).toMatchObject({ dueSoonAnnouncedFor: '2026-05-25', version: 1 });
  });

  it('announces it once, however often the timer fires', async () => {
    const { outbox, handler, milestoneId } = await given(aMilestone('on_approval', { plannedDate: '2026-05-25' }).inProgress());
    await handler.execute({ milestoneId, plannedDate: '2026-05-25', dueAt: noticeDay });
    await expect(handler.execute({ milestoneId, plannedDate: '2026-05-25', dueAt: noticeDay })).resolves.toEqual({ announced: false });
    expect(outbox.names()).toEqual(['milestone.due_soon']);
  });

  it('announces nothing for a milestone already submitted, or for a planned date since moved', async () => {
    // given a submitted milestone, and one moved from 25 May to 30 June
    const submitted = await given(aMilestone('on_approval', { plannedDate: '2026-05-25' }).submitted());
    const moved = aMilestone('on_approval', { plannedDate: '2026-05-25' }).planned();
    moved.movePlannedDate('2026-06-30', 'Rescheduled.', new Date('2026-05-10T00:00:00Z'));
    const rescheduled = await given(moved);
    // when the 25 May notices fire
    await submitted.handler.execute({ milestoneId: submitted.milestoneId, plannedDate: '2026-05-25', dueAt: noticeDay });
    await rescheduled.handler.execute({ milestoneId: rescheduled.milestoneId, plannedDate: '2026-05-25', dueAt: noticeDay });
    // then nothing is announced
    expect([...submitted.outbox.recorded, ...rescheduled.outbox.recorded]).toEqual([]);
    expect(rescheduled.milestones.stored(rescheduled.milestoneId)).toMatchObject({ dueSoonAnnouncedFor: null });
  });

  it('refuses a timer for an unknown milestone as not found, so it is not retried', async () => {
    const { handler } = await given(aMilestone().planned());
    await expect(handler.execute({ milestoneId: 'ms_01JTEST0000000000000000999', plannedDate: '2026-05-25', dueAt: noticeDay })).rejects.toMatchObject({
      kind: 'not_found',
      code: 'milestone.not_found',
    });
  });
});
