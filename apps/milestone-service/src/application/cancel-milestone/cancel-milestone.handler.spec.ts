import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import type { Milestone } from '../../domain/milestone/milestone';
import { aMilestone, laterBy } from '../../domain/milestone/milestone.fixtures';
import { MILESTONE_TIMERS } from '../../domain/milestone/planned-date.policy';
import { CancelMilestoneHandler } from './cancel-milestone.handler';

describe('CancelMilestoneHandler', () => {
  const now = laterBy(60);

  async function given(milestone: Milestone) {
    const milestones = new InMemoryMilestoneRepository();
    const outbox = new RecordingEventOutbox();
    const timers = new RecordingTimers();
    await milestones.add(milestone);
    // its planned date's timers, as the activation set them
    await timers.schedule(MILESTONE_TIMERS.dueSoon, milestone.id, new Date('2026-05-18T00:00:00Z'), { planned_date: '2026-05-25' });
    await timers.schedule(MILESTONE_TIMERS.plannedDatePassed, milestone.id, new Date('2026-05-26T00:00:00Z'), { planned_date: '2026-05-25' });
    const handler = new CancelMilestoneHandler(new InMemoryUnitOfWork(), milestones, outbox, timers, { now: () => now });
    return { milestones, outbox, timers, handler, milestoneId: milestone.id };
  }

  it('cancels a milestone not yet billed, announcing the reason and cancelling its planned-date timers', async () => {
    // given a milestone in progress, with its advance notice and delay check pending
    const { milestones, outbox, timers, handler, milestoneId } = await given(aMilestone().inProgress());
    // when it is cancelled with a reason
    const cancelled = await handler.execute(milestoneId, 'Scope dropped by change order 2.');
    // then it is cancelled with the reason, and the event says why
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellationReason: 'Scope dropped by change order 2.', cancelledAt: now });
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'cancelled', version: 3 });
    expect(outbox.only('milestone.status_updated')).toMatchObject({
      status: 'cancelled',
      previous_status: 'in_progress',
      reason: 'Scope dropped by change order 2.',
    });
    // and nothing is left to announce it coming or late
    expect(timers.pending()).toEqual([]);
  });

  it("cancels an on_date milestone's billing date with it", async () => {
    // given an on_date milestone planned, billed on 25 May
    const { timers, handler, milestoneId } = await given(aMilestone('on_date').planned());
    await timers.schedule(MILESTONE_TIMERS.billingDate, milestoneId, new Date('2026-05-25T00:00:00Z'), { planned_date: '2026-05-25' });
    // when it is cancelled
    await handler.execute(milestoneId, 'Scope dropped by change order 2.');
    // then its date will not bill it
    expect(timers.cancelled).toContainEqual({ timer: MILESTONE_TIMERS.billingDate, key: milestoneId });
    expect(timers.pending()).toEqual([]);
  });

  it('refuses to cancel an invoiced milestone, changing and recording nothing', async () => {
    // given an invoiced milestone
    const { milestones, outbox, timers, handler, milestoneId } = await given(aMilestone().invoiced());
    // when it is cancelled
    const cancelling = handler.execute(milestoneId, 'Scope dropped.');
    // then billed work is not cancelled
    await expect(cancelling).rejects.toMatchObject({ kind: 'conflict', code: 'milestone.illegal_transition', field: 'status' });
    await expect(cancelling).rejects.toThrow('cannot cancel an invoiced milestone');
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'invoiced' });
    expect(outbox.recorded).toEqual([]);
    expect(timers.cancelled).toEqual([]);
  });

  it('refuses a blank reason on the reason field', async () => {
    const { outbox, timers, handler, milestoneId } = await given(aMilestone().planned());
    await expect(handler.execute(milestoneId, ' ')).rejects.toMatchObject({ kind: 'invalid', code: 'milestone.invalid_reason', field: 'reason' });
    expect(outbox.recorded).toEqual([]);
    expect(timers.pending()).toHaveLength(2);
  });
});
