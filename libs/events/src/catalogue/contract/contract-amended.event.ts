import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Cents, ChangeOrderId, Count, MilestoneIndex, StringEnum, Text, TEXT_LIMITS, Timestamp } from '../event-fields';
import { contractTermsFieldsV1, contractTermsFieldsV2, ScheduledMilestoneV2 } from './contract-terms.fields';

const description = 'The contract after a change order; only milestones not yet billed may have changed.';

const amendmentFields = {
  previous_schedule_version: Count('The schedule version this amendment replaces.', { minimum: 1 }),
  amended_at: Timestamp('When the change order took effect.'),
  reason: Type.Optional(Text('Why the contract was amended, as entered on the change order.', TEXT_LIMITS.changeOrderReason)),
};

export const ContractAmendedDataV1 = Type.Object({ ...contractTermsFieldsV1, ...amendmentFields }, { description });

/** Version 2: a milestone's billing_trigger may also be on_date. */
export const ContractAmendedDataV2 = Type.Object({ ...contractTermsFieldsV2, ...amendmentFields }, { description });

export const MILESTONE_CHANGE_KINDS = ['added', 'removed', 'changed'] as const;

/** One milestone the change order touched: before and after, as on the schedule. */
export const MilestoneChange = Type.Object(
  {
    milestone_index: MilestoneIndex,
    kind: StringEnum(MILESTONE_CHANGE_KINDS, {
      description: 'added: a new milestone (a new index, never reused); removed: cancelled, no longer on the schedule; changed: re-priced, re-dated or re-worded.',
    }),
    before: Type.Union([ScheduledMilestoneV2, Type.Null()], { description: 'The milestone under the previous schedule version; null when added.' }),
    after: Type.Union([ScheduledMilestoneV2, Type.Null()], { description: 'The milestone under this schedule version; null when removed.' }),
  },
  { additionalProperties: false, description: 'A milestone the change order added, removed or changed. Only milestones not yet billed or triggered change.' },
);

/**
 * Version 3 (issue 14, change orders): who approved which change order and the diff, so that
 * milestone-service re-plans and invoicing-service replaces its drafts from the event alone. The
 * `milestones` are the whole schedule after the change (removed milestones are not in it); the
 * contract terms (total, net days) are those of the new version.
 */
export const ContractAmendedDataV3 = Type.Object(
  {
    ...contractTermsFieldsV2,
    previous_schedule_version: Count('The schedule version this amendment replaces.', { minimum: 1 }),
    amended_at: Timestamp('When the change order took effect (its approval, or its unilateral application).'),
    reason: Text('Why the contract was amended, as entered on the change order.', TEXT_LIMITS.changeOrderReason),
    change_order_id: ChangeOrderId,
    approval: StringEnum(['client', 'unilateral'] as const, {
      description: "client: the client approved the change order; unilateral: the supplier applied it, as the contract's terms allow.",
    }),
    approved_by: Text('Who approved the change order (the client user) or applied it (the supplier user), by subject.', TEXT_LIMITS.subject),
    previous_total_value_cents: Cents('The total contract value under the previous schedule version.'),
    previous_net_days: Count('The payment terms under the previous schedule version; new invoices use net_days.', { minimum: 0 }),
    // Empty when the change order changed only the terms (net_days): no milestone was touched.
    milestone_changes: Type.Array(MilestoneChange, { description: 'What changed, by milestone index, in ascending order; empty when only the terms (net_days) changed.' }),
  },
  { description },
);

export const contractAmended = defineEvent({
  name: 'contract.amended',
  producer: 'contract-service',
  description: 'A change order produced a new version of the contract and its schedule.',
  partitionKey: 'contract_id',
  currentVersion: 3,
  versions: { 1: ContractAmendedDataV1, 2: ContractAmendedDataV2, 3: ContractAmendedDataV3 },
});
