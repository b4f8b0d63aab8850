import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import type { Milestone } from '../../domain/milestone/milestone';
import { aMilestone, laterBy } from '../../domain/milestone/milestone.fixtures';
import { StartMilestoneHandler } from './start-milestone.handler';

describe('StartMilestoneHandler', () => {
  const now = laterBy(60);

  async function given(milestone: Milestone) {
    const unitOfWork = new InMemoryUnitOfWork();
    const milestones = new InMemoryMilestoneRepository();
    const outbox = new RecordingEventOutbox();
    await milestones.add(milestone);
    const handler = new StartMilestoneHandler(unitOfWork, milestones, outbox, { now: () => now });
    return { unitOfWork, milestones, outbox, handler, milestoneId: milestone.id };
  }

  it('starts a planned milestone and records milestone.status_updated, in one unit of work', async () => {
    // given a planned milestone
    const { unitOfWork, milestones, outbox, handler, milestoneId } = await given(aMilestone().planned());
    // when the work starts
    const started = await handler.execute(milestoneId);
    // then it is in progress at the next version, stored so, and the change is announced
    expect(started).toMatchObject({ id: milestoneId, status: 'in_progress', startedAt: now, version: 2 });
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'in_progress', startedAt: now, version: 2 });
    expect(outbox.only('milestone.status_updated')).toMatchObject({
      milestone_id: milestoneId,
      status: 'in_progress',
      previous_status: 'planned',
      occurred_at: now.toISOString(),
      version: 2,
    });
    expect(unitOfWork.unitsRun).toBe(1);
  });

  it('starts the work again on a rejected milestone', async () => {
    // given a milestone whose submission was rejected
    const { outbox, handler, milestoneId } = await given(aMilestone().rejected());
    // when the work starts again
    const restarted = await handler.execute(milestoneId);
    // then it is in progress, coming from rejected
    expect(restarted.status).toBe('in_progress');
    expect(outbox.only('milestone.status_updated')).toMatchObject({ status: 'in_progress', previous_status: 'rejected' });
  });

  it('refuses to start a submitted milestone, changing and recording nothing', async () => {
    // given a submitted milestone
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone().submitted());
    // when it is started
    const starting = handler.execute(milestoneId);
    // then the transition table refuses it on the status field, and nothing moved
    await expect(starting).rejects.toMatchObject({ kind: 'conflict', code: 'milestone.illegal_transition', field: 'status' });
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'submitted', version: 3 });
    expect(outbox.recorded).toEqual([]);
  });

  it('answers milestone.not_found for an unknown milestone', async () => {
    // given no such milestone
    const { outbox, handler } = await given(aMilestone().planned());
    // when it is started / then it is not found, and nothing is recorded
    await expect(handler.execute('ms_missing')).rejects.toMatchObject({ kind: 'not_found', code: 'milestone.not_found' });
    expect(outbox.recorded).toEqual([]);
  });
});
