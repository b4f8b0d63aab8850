import { InMemoryUnitOfWork, RecordingEventOutbox, RecordingTimers } from '@mb/testing';
import { InMemoryMilestoneRepository } from '../../../test/fakes/in-memory-milestone.repository';
import type { Milestone } from '../../domain/milestone/milestone';
import { aMilestone, laterBy } from '../../domain/milestone/milestone.fixtures';
import { APPROVAL_TIMERS } from '../../domain/milestone/approval-window.policy';
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

  it('hands the work over with its evidence, opens the approval window and asks the approver', async () => {
    // given a milestone billed on approval, in progress, with a 5-day approval window
    const { milestones, outbox, timers, handler, milestoneId } = await given(aMilestone('on_approval').inProgress());
    // when it is submitted with evidence on 21 May at 09:00
    const submitted = await handler.execute(milestoneId, 'https://staging.example.com/prototype');
    // then it waits for an answer until the end of 26 May, and the submission is announced
    expect(submitted).toMatchObject({ status: 'submitted', evidenceUrl: 'https://staging.example.com/prototype', submittedAt: now });
    expect(milestones.stored(milestoneId)).toMatchObject({ status: 'submitted', approvalDueAt: new Date('2026-05-27T00:00:00Z'), version: 3 });
    expect(outbox.only('milestone.status_updated')).toMatchObject({ status: 'submitted', previous_status: 'in_progress', version: 3 });
    // and the approver is asked, with what was delivered and by when to answer
    expect(outbox.only('milestone.approval_requested')).toMatchObject({
      kind: 'request',
      milestone_id: milestoneId,
      evidence_url: 'https://staging.example.com/prototype',
      acceptance_criteria: 'Clickable prototype of the 12 agreed screens deployed to staging.',
      approval_window_days: 5,
      approval_due_at: '2026-05-27T00:00:00.000Z',
      last_day_to_answer: '2026-05-26',
      deemed_acceptance: true,
    });
    // and the window's reminders (half-way, the last day) and its close are set
    const closesAt = { closes_at: '2026-05-27T00:00:00.000Z' };
    expect(timers.pending()).toEqual([
      { timer: APPROVAL_TIMERS.halfWindowReminder, key: milestoneId, dueAt: new Date('2026-05-24T04:30:00Z'), data: closesAt },
      { timer: APPROVAL_TIMERS.lastDayReminder, key: milestoneId, dueAt: new Date('2026-05-26T00:00:00Z'), data: closesAt },
      { timer: APPROVAL_TIMERS.windowCloses, key: milestoneId, dueAt: new Date('2026-05-27T00:00:00Z'), data: closesAt },
    ]);
  });

  it('opens no window and sets no approval timer when the contract gives none', async () => {
    // given a milestone billed on approval without an approval window
    const { outbox, timers, handler, milestoneId } = await given(aMilestone('on_approval', { approvalWindowDays: null, deemedAcceptance: false }).inProgress());
    // when it is submitted
    const submitted = await handler.execute(milestoneId, 'https://staging.example.com/prototype');
    // then the approver is asked without a deadline, and no approval timer waits
    expect(submitted.approvalDueAt).toBeNull();
    expect(outbox.only('milestone.approval_requested')).toMatchObject({ kind: 'request', approval_window_days: null, approval_due_at: null });
    expect(timers.pending()).toEqual([]);
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
    // and nobody is asked to approve what is already billed
    expect(outbox.names()).not.toContain('milestone.approval_requested');
  });

  it('cancels the pending advance notice and delay check: the planned date is met', async () => {
    // given a milestone in progress, planned for 25 May, with both timers pending
    const { timers, handler, milestoneId } = await given(aMilestone('on_approval').inProgress());
    // when it is submitted on 21 May
    await handler.execute(milestoneId, 'https://staging.example.com/prototype');
    // then neither timer is left: only the approval window's wait
    expect(timers.cancelled).toEqual([
      { timer: MILESTONE_TIMERS.dueSoon, key: milestoneId },
      { timer: MILESTONE_TIMERS.plannedDatePassed, key: milestoneId },
    ]);
    expect(timers.pending().map(({ timer }) => timer)).toEqual(Object.values(APPROVAL_TIMERS));
  });

  it("keeps an on_date milestone's billing date: the date bills it, whatever the work", async () => {
    // given an on_date milestone in progress, billed on 25 May
    const { timers, handler, milestoneId } = await given(aMilestone('on_date').inProgress());
    await timers.schedule(MILESTONE_TIMERS.billingDate, milestoneId, new Date('2026-05-25T00:00:00Z'), { planned_date: '2026-05-25' });
    // when it is submitted on 21 May
    const submitted = await handler.execute(milestoneId, 'https://staging.example.com/prototype');
    // then it waits for its date, submitted, with its billing date still pending
    expect(submitted.status).toBe('submitted');
    expect(timers.pending().map(({ timer }) => timer)).toEqual([MILESTONE_TIMERS.billingDate, ...Object.values(APPROVAL_TIMERS)]);
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
