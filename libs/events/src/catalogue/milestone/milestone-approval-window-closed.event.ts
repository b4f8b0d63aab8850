import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { ClientId, ContractId, MilestoneId, MilestoneIndex, MilestoneTitle, Timestamp } from '../event-fields';

export const MilestoneApprovalWindowClosedDataV1 = Type.Object(
  {
    contract_id: ContractId,
    client_id: ClientId,
    milestone_id: MilestoneId,
    milestone_index: MilestoneIndex,
    milestone_title: MilestoneTitle,
    submitted_at: Timestamp('When the work was submitted.'),
    closed_at: Timestamp('When the approval window closed.'),
    deemed_accepted: Type.Boolean({
      description:
        'true: the contract deems silence acceptance, and the milestone is approved (milestone.status_updated, reason deemed_accepted); ' +
        'false: it stays submitted, waiting for an answer the supplier has to chase.',
    }),
  },
  { description: "A milestone's approval window closed without an answer from the client." },
);

export const milestoneApprovalWindowClosed = defineEvent({
  name: 'milestone.approval_window_closed',
  producer: 'milestone-service',
  description: "A submitted milestone's approval window closed unanswered: deemed accepted, or still waiting.",
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: MilestoneApprovalWindowClosedDataV1 },
});
