import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import type { Milestone } from '../../domain/milestone/milestone';
import { aMilestone, laterBy } from '../../domain/milestone/milestone.fixtures';
import { MILESTONE_TIMERS } from '../../domain/milestone/planned-date.policy';
import { SubmitMilestoneHandler } from './submit-milestone.handler';

describe('SubmitMilestoneHandler', () => {
  const now = new Date('2026-05-21T09:00:00Z');

  async function given(milestone: Milestone) {
    const milestones = new InMemoryMilestoneRepository();
    const outbox = new RecordingEventOutbox();
    const timers = new RecordingTimers();
    await milestones.add(milestone);
    // its planned date's timers (25 May), as the activation set them
    await timers.schedule(MILESTONE_TIMERS.dueSoon, milestone.id, new Date('2026-05-18T00:00:00Z'), { planned_date: '2026-05-25' });
    await timers.schedule(MILESTONE_TIMERS.plannedDatePassed, milestone.id, new Date('2026-05-26T00:00:00Z'), { planned_date: '2026-05-25' });
    const handler = new SubmitMilestoneHandler(new InMemoryUnitOfWork(), milestones, outbox, timers, { now: () => now });
    return { milestones, outbox, timers, handler, milestoneId: milestone.id };
  }

  it('hands the work over with its evidence and opens the approval window', async () => {
    // given a milestone billed on approval, in progress, with a 5-day approval window
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone('on_approval').inProgress());
    // when it is submitted with evidence
    const submitted = await handler.execute(milestoneId, 'https://staging.example.com/prototype');
    // then it waits for approval until 5 days later, and the submission is announced
    expect(submitted).toMatchObject({ status: 'submitted', evidenceUrl: 'https://staging.example.com/prototype', submittedAt: now });
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'submitted', approvalDueAt: new Date('2026-05-26T09:00:00Z'), version: 3 });
    expect(outbox.only('milestone.status_updated')).toMatchObject({ status: 'submitted', previous_status: 'in_progress', version: 3 });
  });

  it('makes an on_completion milestone billable at submission, announcing both changes in order', async () => {
    // given an on_completion milestone in progress
    const { milestones, outbox, handler, milestoneId } = await given(aMilestone('on_completion').inProgress());
    // when it is submitted
    await handler.execute(milestoneId, 'https://example.com/report.pdf');
    // then it is triggered for disbursement at once, after the submission
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'triggered_for_disbursement', triggeredAt: now, version: 4 });
    expect(outbox.recorded.map(({ data }) => data)).toMatchObject([
      { status: 'submitted', version: 3 },
      { status: 'triggered_for_disbursement', previous_status: 'submitted', amount_due_cents: 750_000, version: 4 },
    ]);
  });

  it('cancels the pending advance notice and delay check: the planned date is met', async () => {
    // given a milestone in progress, planned for 25 May, with both timers pending
    const { timers, handler, milestoneId } = await given(aMilestone('on_approval').inProgress());
    // when it is submitted on 21 May
    await handler.execute(milestoneId, 'https://staging.example.com/prototype');
    // then neither timer is left
    expect(timers.cancelled).toEqual([
      { timer: MILESTONE_TIMERS.dueSoon, key: milestoneId },
      { timer: MILESTONE_TIMERS.plannedDatePassed, key: milestoneId },
    ]);
    expect(timers.pending()).toEqual([]);
  });

  it("keeps an on_date milestone's billing date: the date bills it, whatever the work", async () => {
    // given an on_date milestone in progress, billed on 25 May
    const { timers, handler, milestoneId } = await given(aMilestone('on_date').inProgress());
    await timers.schedule(MILESTONE_TIMERS.billingDate, milestoneId, new Date('2026-05-25T00:00:00Z'), { planned_date: '2026-05-25' });
    // when it is submitted on 21 May
    const submitted = await handler.execute(milestoneId, 'https://staging.example.com/prototype');
    // then it waits for its date, submitted, with its billing date still pending
    expect(submitted.status).toBe('submitted');
    expect(timers.pending().map(({ timer }) => timer)).toEqual([MILESTONE_TIMERS.billingDate]);
  });

  it('refuses a blank evidence URL on the evidence_url field, recording nothing', async () => {
    // given a milestone in progress
    const { milestones, outbox, timers, handler, milestoneId } = await given(aMilestone().inProgress());
    // when it is submitted with blank evidence
    const submitting = handler.execute(milestoneId, '   ');
    // then it is refused as invalid input, and the milestone is still in progress
    await expect(submitting).rejects.toMatchObject({ kind: 'invalid', code: 'milestone.invalid_evidence', field: 'evidence_url' });
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'in_progress', startedAt: laterBy(1) });
    expect(outbox.recorded).toEqual([]);
    expect(timers.pending()).toHaveLength(2);
  });

  it('refuses to submit a planned milestone whose work has not started', async () => {
    const { outbox, handler, milestoneId } = await given(aMilestone().planned());
    await expect(handler.execute(milestoneId, 'https://example.com/x')).rejects.toMatchObject({ code: 'milestone.illegal_transition', field: 'status' });
    expect(outbox.recorded).toEqual([]);
  });
});
