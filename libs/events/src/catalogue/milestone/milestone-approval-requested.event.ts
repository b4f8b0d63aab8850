import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import {
  CalendarDate,
  Cents,
  ClientId,
  ContractId,
  Count,
  Currency,
  MilestoneId,
  MilestoneIndex,
  MilestoneTitle,
  StringEnum,
  Text,
  TEXT_LIMITS,
  Timestamp,
} from '../event-fields';

/** Which approval email it is: the request at submission, or one of the window's two reminders. */
export const APPROVAL_REQUEST_KINDS = ['request', 'half_window_reminder', 'last_day_reminder'] as const;

export const MilestoneApprovalRequestedDataV1 = Type.Object(
  {
    contract_id: ContractId,
    client_id: ClientId,
    milestone_id: MilestoneId,
    milestone_index: MilestoneIndex,
    milestone_title: MilestoneTitle,
    kind: StringEnum(APPROVAL_REQUEST_KINDS, {
      description: 'request: the work was just submitted; half_window_reminder and last_day_reminder: the window is half gone, or in its last day.',
    }),
    acceptance_criteria: Text('What the client approves against, as on the schedule.', TEXT_LIMITS.acceptanceCriteria),
    evidence_url: Text('Where the delivered work can be seen, as given with the submission.', TEXT_LIMITS.evidenceUrl),
    amount_due_cents: Cents('Amount billable for this milestone.'),
    currency: Currency,
    submitted_at: Timestamp('When the work was submitted.'),
    approval_window_days: Type.Union([Count('Calendar days the client has to answer, in its time zone.', { minimum: 1 }), Type.Null()], {
      description: 'Calendar days the client has to answer, counted in its time zone; null when the contract gives no window.',
    }),
    approval_due_at: Type.Union([Timestamp('When the window closes: the start of the day after its last day, in the client time zone.'), Type.Null()], {
      description: 'When the window closes (the start of the day after its last day, in the client time zone); null without a window.',
    }),
    last_day_to_answer: Type.Union([CalendarDate("The last calendar day the client may answer on, in its time zone."), Type.Null()], {
      description: "The last calendar day the client may answer on, in its time zone; null without a window.",
    }),
    deemed_acceptance: Type.Boolean({ description: 'Whether the milestone is accepted when the window closes unanswered.' }),
  },
  { description: "The client's approver is asked to approve or reject a submitted milestone, or reminded to." },
);

export const milestoneApprovalRequested = defineEvent({
  name: 'milestone.approval_requested',
  producer: 'milestone-service',
  description: "A submitted milestone awaits the client's approval: the request, or a reminder before the window closes.",
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: MilestoneApprovalRequestedDataV1 },
});
