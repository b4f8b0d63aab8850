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
  MilestoneStatusField,
  MilestoneTitle,
} from '../event-fields';

export const MilestoneDelayedDataV1 = Type.Object(
  {
    contract_id: ContractId,
    client_id: ClientId,
    milestone_index: MilestoneIndex,
    milestone_title: MilestoneTitle,
    planned_date: CalendarDate('Date the milestone was planned for.'),
    days_late: Count('Days past the planned date.', { minimum: 1 }),
    status: MilestoneStatusField('The state the milestone is still in (before submitted).'),
    amount_due_cents: Cents('Amount that will be invoiced for this milestone.'),
    currency: Currency,
    milestone_id: Type.Optional(MilestoneId),
  },
  { description: 'A milestone passed its planned date without being submitted.' },
);

export const milestoneDelayed = defineEvent({
  name: 'milestone.delayed',
  producer: 'milestone-service',
  description: 'A milestone is past its planned date and not yet submitted.',
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: MilestoneDelayedDataV1 },
});
