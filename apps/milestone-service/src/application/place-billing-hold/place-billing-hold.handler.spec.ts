import { ConcurrentUpdate } from '@mb/kernel';
import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import type { Milestone } from '../../domain/milestone/milestone';
import { aMilestone, laterBy } from '../../domain/milestone/milestone.fixtures';
import { ApproveMilestoneHandler } from '../approve-milestone/approve-milestone.handler';
import { PlaceBillingHoldHandler } from './place-billing-hold.handler';

/** A repository where the client approves the milestone right after this handler loaded it. */
class RacedByApprovalRepository extends InMemoryMilestoneRepository {
  override async findById(id: string): Promise<Milestone | null> {
    const loaded = await super.findById(id);
    const rival = await super.findById(id);
    rival?.approve(laterBy(30));
    if (rival) await this.save(rival);
    return loaded;
  }
}

describe('PlaceBillingHoldHandler', () => {
  const now = laterBy(60);
  const clock = { now: () => now };

  async function given(milestone: Milestone, milestones = new InMemoryMilestoneRepository()) {
    const outbox = new RecordingEventOutbox();
    await milestones.add(milestone);
    const handler = new PlaceBillingHoldHandler(new InMemoryUnitOfWork(), milestones, outbox, clock);
    return { milestones, outbox, handler, milestoneId: milestone.id };
  }

  it('places a hold on a submitted milestone, saving it in the history with who, why and when, publishing nothing', async () => {
    // given a submitted milestone billed on approval
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone('on_approval').submitted());
    // when a hold is placed
    const held = await handler.execute({ milestoneId, reason: 'PO amendment pending.', placedBy: 'jane.doe@agency.example' });
    // then the hold is in force in the answer and in what was saved, a version on
    const hold = { id: expect.stringMatching(/^hold_[0-9A-Z]{26}$/), reason: 'PO amendment pending.', placedBy: 'jane.doe@agency.example', placedAt: now, releasedBy: null, releasedAt: null };
    expect(held).toMatchObject({ status: 'submitted', version: 4, billingHolds: [hold] });
    expect(milestones.stored(milestoneId)).toMatchObject({ version: 4, updatedAt: now, billingHolds: [hold] });
    // and nothing is published: the status did not change
    expect(outbox.recorded).toEqual([]);
  });

  it('keeps the trigger of the held milestone from invoicing: its approval publishes billing_hold true', async () => {
    // given a submitted milestone put on hold
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone('on_approval').submitted());
    await handler.execute({ milestoneId, reason: 'PO amendment pending.', placedBy: 'jane.doe@agency.example' });
    // when the client approves it
    await new ApproveMilestoneHandler(new InMemoryUnitOfWork(), milestones, outbox, new RecordingTimers(), clock).execute(milestoneId);
    // then the billing trigger is recorded, and both transitions say a hold is in force
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'triggered_for_disbursement' });
    expect(outbox.recorded.map(({ data }) => data)).toMatchObject([
      { status: 'approved', billing_hold: true },
      { status: 'triggered_for_disbursement', previous_status: 'approved', billing_hold: true },
    ]);
  });

  it('refuses a second hold with milestone.already_held, saving and publishing nothing', async () => {
    // given a held milestone
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone().submittedAndHeld());
    const before = milestones.stored(milestoneId);
    // when another hold is placed
    const placing = handler.execute({ milestoneId, reason: 'Another reason.', placedBy: 'sam.lee@agency.example' });
    // then it is a conflict, and the first hold stands alone
    await expect(placing).rejects.toMatchObject({ kind: 'conflict', code: 'milestone.already_held' });
    expect(milestones.stored(milestoneId)).toEqual(before);
    expect(outbox.recorded).toEqual([]);
  });

  it('refuses to hold a milestone whose billing trigger has fired, with milestone.illegal_transition', async () => {
    // given a milestone already triggered for disbursement, unheld
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone().triggered());
    // when a hold is placed / then it is refused: invoicing may already be issuing it
    await expect(handler.execute({ milestoneId, reason: 'Too late.', placedBy: 'jane.doe@agency.example' })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'milestone.illegal_transition',
      field: 'status',
    });
    expect(milestones.stored(milestoneId)).toMatchObject({ billingHolds: [], version: 5 });
    expect(outbox.recorded).toEqual([]);
  });

  it('refuses a hold without a reason or without who, naming the field', async () => {
    // given a planned milestone
    const { milestones, handler, milestoneId } = await given(aMilestone().planned());
    // when held without a reason, then without who / then each is invalid, naming its field
    await expect(handler.execute({ milestoneId, reason: ' ', placedBy: 'jane.doe@agency.example' })).rejects.toMatchObject({ code: 'milestone.invalid_reason', field: 'reason' });
    await expect(handler.execute({ milestoneId, reason: 'PO pending.', placedBy: '' })).rejects.toMatchObject({ code: 'milestone.invalid_actor', field: 'placed_by' });
    expect(milestones.stored(milestoneId)).toMatchObject({ billingHolds: [], version: 1 });
  });

  it('answers milestone.not_found for an unknown milestone', async () => {
    const { handler } = await given(aMilestone().planned());
    await expect(handler.execute({ milestoneId: 'ms_unknown', reason: 'x', placedBy: 'y' })).rejects.toMatchObject({ kind: 'not_found', code: 'milestone.not_found' });
  });

  it('loses to an approval that came in between with milestone.concurrent_update, so the trigger that went out unheld is not held after the fact', async () => {
    // given a submitted milestone the client approves between this load and this save
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone('on_approval').submitted(), new RacedByApprovalRepository());
    // when a hold is placed
    const placing = handler.execute({ milestoneId, reason: 'PO amendment pending.', placedBy: 'jane.doe@agency.example' });
    // then the optimistic version refuses it, and the approval stands without a hold
    await expect(placing).rejects.toBeInstanceOf(ConcurrentUpdate);
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'triggered_for_disbursement', billingHolds: [] });
    expect(outbox.recorded).toEqual([]);
  });
});
