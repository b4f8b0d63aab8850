import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import {
  Cents,
  ClientId,
  ContractId,
  Count,
  Currency,
  MilestoneId,
  MilestoneIndex,
  MilestoneStatusField,
  MilestoneTitle,
  NullablePayoutDestination,
  Text,
  TEXT_LIMITS,
  Timestamp,
} from '../event-fields';

export const MilestoneStatusUpdatedDataV1 = Type.Object(
  {
    contract_id: ContractId,
    milestone_index: MilestoneIndex,
    milestone_title: MilestoneTitle,
    amount_due_cents: Cents('Amount billable for this milestone.'),
    currency: Currency,
    status: MilestoneStatusField('The state the milestone is in now.'),
    payout_destination: NullablePayoutDestination,
    milestone_id: Type.Optional(MilestoneId),
    client_id: Type.Optional(ClientId),
    previous_status: Type.Optional(MilestoneStatusField('The state the milestone left.')),
    reason: Type.Optional(Text('Why, when the transition has one (a rejection, a cancellation, a billing hold released).', TEXT_LIMITS.milestoneReason)),
    billing_hold: Type.Optional(
      Type.Boolean({
        description:
          'Whether a billing hold is in force. A triggered_for_disbursement with billing_hold true is recorded but not to be invoiced; ' +
          'the release announces triggered_for_disbursement again (previous_status the same) with billing_hold false. Absent means false.',
      }),
    ),
    occurred_at: Type.Optional(Timestamp('When the transition happened, if earlier than the event.')),
    // Optional (added within version 1, issue 10): what the invoice shows as the milestone's acceptance evidence.
    evidence_url: Type.Optional(Text('The evidence the work was submitted with (a URL), once it has been submitted.', TEXT_LIMITS.evidenceUrl)),
    // Optional (added within version 1, issue 14): a termination bills unfinished work for an agreed share.
    billed_share_at_termination: Type.Optional(
      Type.Boolean({ description: 'True when a termination bills this milestone for an agreed share of its amount: amount_due_cents is that share, the rest is cancelled.' }),
    ),
    version: Type.Optional(
      Count("The milestone's version after this transition, from 1; orders transitions of one milestone.", {
        minimum: 1,
      }),
    ),
  },
  {
    description:
      'The milestone after a lifecycle transition, or after the release of a billing hold that held its billing trigger. ' +
      'triggered_for_disbursement without a billing hold is the billing trigger invoicing acts on.',
  },
);

export const milestoneStatusUpdated = defineEvent({
  name: 'milestone.status_updated',
  producer: 'milestone-service',
  description: 'A milestone moved to another state of its lifecycle.',
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: MilestoneStatusUpdatedDataV1 },
});
