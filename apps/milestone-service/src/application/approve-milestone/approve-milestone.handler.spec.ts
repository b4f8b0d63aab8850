import { ConcurrentUpdate } from '@mb/kernel';
import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import type { Milestone } from '../../domain/milestone/milestone';
import { aMilestone, laterBy } from '../../domain/milestone/milestone.fixtures';
import { ApproveMilestoneHandler } from './approve-milestone.handler';

/** A repository where someone else approves the milestone right after this handler loaded it. */
class RacedMilestoneRepository extends InMemoryMilestoneRepository {
  override async findById(id: string): Promise<Milestone | null> {
    const loaded = await super.findById(id);
    const rival = await super.findById(id);
    rival?.approve(laterBy(30));
    if (rival) await this.save(rival);
    return loaded;
  }
}

describe('ApproveMilestoneHandler', () => {
  const now = laterBy(60);

  async function given(milestone: Milestone, milestones = new InMemoryMilestoneRepository()) {
    const outbox = new RecordingEventOutbox();
    await milestones.add(milestone);
    const timers = new RecordingTimers();
    const handler = new ApproveMilestoneHandler(new InMemoryUnitOfWork(), milestones, outbox, timers, { now: () => now });
    return { milestones, outbox, timers, handler, milestoneId: milestone.id };
  }

  it('approves a submission billed on approval, which becomes billable right after', async () => {
    // given a submitted milestone billed on approval
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone('on_approval').submitted());
    // when the client approves it
    const approved = await handler.execute(milestoneId);
    // then it is approved and triggered for disbursement, two versions on
    expect(approved).toMatchObject({ status: 'triggered_for_disbursement', approvedAt: now, triggeredAt: now, version: 5 });
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'triggered_for_disbursement', version: 5 });
    // and both changes are announced in order, the trigger with what invoicing needs to bill
    expect(outbox.names()).toEqual(['milestone.status_updated', 'milestone.status_updated']);
    expect(outbox.recorded.map(({ data }) => data)).toMatchObject([
      { status: 'approved', previous_status: 'submitted', version: 4 },
      {
        status: 'triggered_for_disbursement',
        previous_status: 'approved',
        amount_due_cents: 750_000,
        currency: 'usd',
        payout_destination: { account_token: 'acc_1Q9xYzLmNoPqRsTu', auto_clear: true },
        version: 5,
      },
    ]);
  });

  it('refuses to approve an on_completion milestone, billable since its submission', async () => {
    // given an on_completion milestone submitted, so already triggered for disbursement
    const { outbox, handler, milestoneId } = await given(aMilestone('on_completion').submitted());
    // when it is approved / then the table refuses it, since it left submitted at submission
    await expect(handler.execute(milestoneId)).rejects.toMatchObject({ code: 'milestone.illegal_transition' });
    expect(outbox.recorded).toEqual([]);
  });

  it('refuses to approve a planned milestone, changing and recording nothing', async () => {
    // given a planned milestone
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone().planned());
    // when it is approved
    const approving = handler.execute(milestoneId);
    // then it is a conflict naming the status, and nothing moved
    await expect(approving).rejects.toMatchObject({ kind: 'conflict', code: 'milestone.illegal_transition', field: 'status' });
    await expect(approving).rejects.toThrow('cannot approve a planned milestone');
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'planned', version: 1 });
    expect(outbox.recorded).toEqual([]);
  });

  it('refuses with milestone.concurrent_update when someone else changed it after loading', async () => {
    // given a submitted milestone that a rival approves between this load and this save
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone().submitted(), new RacedMilestoneRepository());
    // when it is approved
    const approving = handler.execute(milestoneId);
    // then the optimistic version refuses the second write, and only the rival's change stands
    await expect(approving).rejects.toBeInstanceOf(ConcurrentUpdate);
    await expect(approving).rejects.toMatchObject({ kind: 'conflict', code: 'milestone.concurrent_update' });
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'triggered_for_disbursement', approvedAt: laterBy(30), version: 5 });
    expect(outbox.recorded).toEqual([]);
  });
});
