import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import type { Milestone } from '../../domain/milestone/milestone';
import { aMilestone, laterBy } from '../../domain/milestone/milestone.fixtures';
import { RejectMilestoneHandler } from './reject-milestone.handler';

describe('RejectMilestoneHandler', () => {
  const now = laterBy(60);

  async function given(milestone: Milestone) {
    const milestones = new InMemoryMilestoneRepository();
    const outbox = new RecordingEventOutbox();
    await milestones.add(milestone);
    const timers = new RecordingTimers();
    const handler = new RejectMilestoneHandler(new InMemoryUnitOfWork(), milestones, outbox, timers, { now: () => now });
    return { milestones, outbox, timers, handler, milestoneId: milestone.id };
  }

  it('rejects a submission with its reason trimmed, announcing why', async () => {
    // given a submitted milestone
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone().submitted());
    // when the client rejects it, saying why
    const rejected = await handler.execute(milestoneId, '  Two UAT scripts fail. ');
    // then it is rejected with the reason, and the event carries it
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Two UAT scripts fail.', rejectedAt: now, version: 4 });
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'rejected', rejectionReason: 'Two UAT scripts fail.' });
    expect(outbox.only('milestone.status_updated')).toMatchObject({
      status: 'rejected',
      previous_status: 'submitted',
      reason: 'Two UAT scripts fail.',
      version: 4,
    });
  });

  it('refuses a blank reason on the reason field, recording nothing', async () => {
    // given a submitted milestone
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone().submitted());
    // when it is rejected without a reason
    const rejecting = handler.execute(milestoneId, '   ');
    // then it is refused as invalid input, and the milestone still waits for approval
    await expect(rejecting).rejects.toMatchObject({ kind: 'invalid', code: 'milestone.invalid_reason', field: 'reason' });
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'submitted', version: 3 });
    expect(outbox.recorded).toEqual([]);
  });

  it('refuses to reject a milestone already billable', async () => {
    const { outbox, handler, milestoneId } = await given(aMilestone().triggered());
    await expect(handler.execute(milestoneId, 'Too late.')).rejects.toMatchObject({ code: 'milestone.illegal_transition', field: 'status' });
    expect(outbox.recorded).toEqual([]);
  });
});
