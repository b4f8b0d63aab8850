import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import type { Milestone } from '../../domain/milestone/milestone';
import { aMilestone, laterBy } from '../../domain/milestone/milestone.fixtures';
import { CancelMilestoneHandler } from './cancel-milestone.handler';

describe('CancelMilestoneHandler', () => {
  const now = laterBy(60);

  async function given(milestone: Milestone) {
    const milestones = new InMemoryMilestoneRepository();
    const outbox = new RecordingEventOutbox();
    await milestones.add(milestone);
    const handler = new CancelMilestoneHandler(new InMemoryUnitOfWork(), milestones, outbox, { now: () => now });
    return { milestones, outbox, handler, milestoneId: milestone.id };
  }

  it('cancels a milestone not yet billed, announcing the reason', async () => {
    // given a milestone in progress
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone().inProgress());
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
  });

  it('refuses to cancel an invoiced milestone, changing and recording nothing', async () => {
    // given an invoiced milestone
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone().invoiced());
    // when it is cancelled
    const cancelling = handler.execute(milestoneId, 'Scope dropped.');
    // then billed work is not cancelled
    await expect(cancelling).rejects.toMatchObject({ kind: 'conflict', code: 'milestone.illegal_transition', field: 'status' });
    await expect(cancelling).rejects.toThrow('cannot cancel an invoiced milestone');
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'invoiced' });
    expect(outbox.recorded).toEqual([]);
  });

  it('refuses a blank reason on the reason field', async () => {
    const { outbox, handler, milestoneId } = await given(aMilestone().planned());
    await expect(handler.execute(milestoneId, ' ')).rejects.toMatchObject({ kind: 'invalid', code: 'milestone.invalid_reason', field: 'reason' });
    expect(outbox.recorded).toEqual([]);
  });
});
