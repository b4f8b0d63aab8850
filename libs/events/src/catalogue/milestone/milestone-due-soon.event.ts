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
} from '../event-fields';

export const MilestoneDueSoonDataV1 = Type.Object(
  {
    contract_id: ContractId,
    client_id: ClientId,
    milestone_index: MilestoneIndex,
    milestone_title: MilestoneTitle,
    planned_date: CalendarDate('Date the milestone is planned for.'),
    days_until_due: Count('Days from the notice to the planned date.', { minimum: 0 }),
    amount_due_cents: Cents('Amount that will be invoiced for this milestone.'),
    currency: Currency,
    milestone_id: Type.Optional(MilestoneId),
    // Optional (added within version 1): what the accounts-payable contact plans the payment by.
    expected_invoice_date: Type.Optional(CalendarDate('When the invoice is expected: the planned date, when the milestone is due to become billable.')),
    net_days: Type.Optional(Count("The contract's payment terms: the invoice is due this many days after its issue date.", { minimum: 0 })),
    expected_due_date: Type.Optional(CalendarDate('When that invoice would fall due under the contract terms: expected_invoice_date plus net_days.')),
  },
  { description: "Advance notice for the client's accounts-payable contact that an invoice is coming." },
);

export const milestoneDueSoon = defineEvent({
  name: 'milestone.due_soon',
  producer: 'milestone-service',
  description: 'A milestone is N days (default 7) from its planned date.',
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: MilestoneDueSoonDataV1 },
});
