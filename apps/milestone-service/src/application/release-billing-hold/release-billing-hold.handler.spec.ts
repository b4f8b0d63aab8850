import { InMemoryUnitOfWork, RecordingEventOutbox } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import type { Milestone } from '../../domain/milestone/milestone';
import { aMilestone, laterBy } from '../../domain/milestone/milestone.fixtures';
import { ReleaseBillingHoldHandler } from './release-billing-hold.handler';

describe('ReleaseBillingHoldHandler', () => {
  const now = laterBy(60);

  async function given(milestone: Milestone) {
    const milestones = new InMemoryMilestoneRepository();
    const outbox = new RecordingEventOutbox();
    await milestones.add(milestone);
    const handler = new ReleaseBillingHoldHandler(new InMemoryUnitOfWork(), milestones, outbox, { now: () => now });
    return { milestones, outbox, handler, milestoneId: milestone.id, version: milestone.version };
  }

  it('releases the hold of a milestone triggered while held, publishing the trigger again unheld so invoicing issues it now', async () => {
    // given a milestone approved while on hold, so triggered for disbursement and held
    const { milestones, outbox, handler, milestoneId, version } = await given(aMilestone('on_approval').triggeredWhileHeld());
    // when the hold is released
    const released = await handler.execute({ milestoneId, releasedBy: 'sam.lee@agency.example' });
    // then no hold is in force, and the released one is saved in the history with who and when
    expect(released.billingHolds).toEqual([expect.objectContaining({ releasedBy: 'sam.lee@agency.example', releasedAt: now })]);
    expect(milestones.stored(milestoneId)).toMatchObject({
      status: 'triggered_for_disbursement',
      version: version + 1,
      billingHolds: [{ reason: 'Client disputes the prototype scope; PO amendment pending.', placedBy: 'jane.doe@agency.example', releasedBy: 'sam.lee@agency.example', releasedAt: now }],
    });
    // and milestone.status_updated says the same status again, unheld, with why
    expect(outbox.names()).toEqual(['milestone.status_updated']);
    expect(outbox.only('milestone.status_updated')).toMatchObject({
      status: 'triggered_for_disbursement',
      previous_status: 'triggered_for_disbursement',
      billing_hold: false,
      reason: 'billing hold released',
      amount_due_cents: 750_000,
      occurred_at: now.toISOString(),
      version: version + 1,
    });
  });

  it('releases a hold placed before the trigger, saving it and publishing nothing', async () => {
    // given a submitted milestone on hold
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone('on_approval').submittedAndHeld());
    // when the hold is released
    await handler.execute({ milestoneId, releasedBy: 'sam.lee@agency.example' });
    // then it is released in the history, and nothing is published (the status did not change)
    expect(milestones.stored(milestoneId)?.billingHolds).toEqual([expect.objectContaining({ releasedAt: now })]);
    expect(outbox.recorded).toEqual([]);
  });

  it('refuses to release a milestone on no hold with milestone.not_held, saving and publishing nothing', async () => {
    // given a triggered milestone never held
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone().triggered());
    const before = milestones.stored(milestoneId);
    // when released / then a conflict, and nothing moved: its trigger went out already
    await expect(handler.execute({ milestoneId, releasedBy: 'sam.lee@agency.example' })).rejects.toMatchObject({ kind: 'conflict', code: 'milestone.not_held', field: 'billing_hold' });
    expect(milestones.stored(milestoneId)).toEqual(before);
    expect(outbox.recorded).toEqual([]);
  });

  it('refuses a release without who, keeping the hold', async () => {
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone().triggeredWhileHeld());
    await expect(handler.execute({ milestoneId, releasedBy: '   ' })).rejects.toMatchObject({ kind: 'invalid', code: 'milestone.invalid_actor', field: 'released_by' });
    expect(milestones.stored(milestoneId)?.billingHolds).toEqual([expect.objectContaining({ releasedAt: null })]);
    expect(outbox.recorded).toEqual([]);
  });

  it('answers milestone.not_found for an unknown milestone', async () => {
    const { handler } = await given(aMilestone().planned());
    await expect(handler.execute({ milestoneId: 'ms_unknown', releasedBy: 'sam' })).rejects.toMatchObject({ kind: 'not_found', code: 'milestone.not_found' });
  });
});
