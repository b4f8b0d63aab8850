import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CalendarDate, Cents, ChangeOrderId, ClientId, ContractId, Count, Currency, Text, Timestamp, TEXT_LIMITS } from '../event-fields';
import { MilestoneChange } from './contract-amended.event';

/**
 * Issue 14 "Change orders": a change order waiting for the client's answer. Carries the diff and
 * both totals, so the approver's email (and a webhook subscriber) shows what would change without
 * reading anything else.
 */
export const ContractChangeOrderProposedDataV1 = Type.Object(
  {
    contract_id: ContractId,
    client_id: ClientId,
    change_order_id: ChangeOrderId,
    contract_title: Text('Contract (project) title.', TEXT_LIMITS.contractTitle),
    currency: Currency,
    reason: Text('Why the change is proposed, as entered on the change order.', TEXT_LIMITS.changeOrderReason),
    proposed_by: Text('Who proposed the change order (the supplier user), by subject.', TEXT_LIMITS.subject),
    proposed_at: Timestamp('When the change order was proposed.'),
    base_schedule_version: Count('The schedule version the change order starts from; it applies only while this is still current.', { minimum: 1 }),
    respond_by: Timestamp("When the client's window to answer closes: the start of the day after its last day, in the client time zone. Unanswered by then, the change order expires."),
    last_day_to_respond: CalendarDate('The last calendar day the client may answer on, in its time zone.'),
    previous_total_value_cents: Cents('The total contract value under the current schedule version.'),
    total_value_cents: Cents('The total contract value the change order proposes: the sum of the proposed schedule.'),
    previous_net_days: Count('The payment terms under the current schedule version.', { minimum: 0 }),
    net_days: Count('The payment terms the change order proposes for invoices issued after it applies.', { minimum: 0 }),
    milestone_changes: Type.Array(MilestoneChange, { description: 'What would change, by milestone index, in ascending order; empty when only the terms (net_days) would change.' }),
  },
  { description: 'A change order to an active contract awaits the client\'s approval.' },
);

export const contractChangeOrderProposed = defineEvent({
  name: 'contract.change_order_proposed',
  producer: 'contract-service',
  description: "A change order to a contract's schedule was proposed and awaits the client's approval.",
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: ContractChangeOrderProposedDataV1 },
});

/** Issue 14: the client said no; the supplier is told why. The contract is unchanged. */
export const ContractChangeOrderRejectedDataV1 = Type.Object(
  {
    contract_id: ContractId,
    client_id: ClientId,
    change_order_id: ChangeOrderId,
    reason: Text('Why the client rejected the change order.', TEXT_LIMITS.changeOrderReason),
    rejected_by: Text('Who rejected it (the client user), by subject.', TEXT_LIMITS.subject),
    rejected_at: Timestamp('When the change order was rejected.'),
    base_schedule_version: Count('The schedule version the change order started from, still the current one.', { minimum: 1 }),
  },
  { description: 'The client rejected a proposed change order; the contract and its schedule stay as they were.' },
);

export const contractChangeOrderRejected = defineEvent({
  name: 'contract.change_order_rejected',
  producer: 'contract-service',
  description: 'The client rejected a proposed change order; the contract is unchanged.',
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: ContractChangeOrderRejectedDataV1 },
});
