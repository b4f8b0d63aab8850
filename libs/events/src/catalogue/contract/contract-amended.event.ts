import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Count, Text, Timestamp } from '../event-fields';
import { contractTermsFieldsV1, contractTermsFieldsV2 } from './contract-terms.fields';

const description = 'The contract after a change order; only milestones not yet billed may have changed.';

const amendmentFields = {
  previous_schedule_version: Count('The schedule version this amendment replaces.', { minimum: 1 }),
  amended_at: Timestamp('When the change order took effect.'),
  reason: Type.Optional(Text('Why the contract was amended, as entered on the change order.')),
};

export const ContractAmendedDataV1 = Type.Object({ ...contractTermsFieldsV1, ...amendmentFields }, { description });

/** Version 2: a milestone's billing_trigger may also be on_date. */
export const ContractAmendedDataV2 = Type.Object({ ...contractTermsFieldsV2, ...amendmentFields }, { description });

export const contractAmended = defineEvent({
  name: 'contract.amended',
  producer: 'contract-service',
  description: 'A change order produced a new version of the contract and its schedule.',
  partitionKey: 'contract_id',
  currentVersion: 2,
  versions: { 1: ContractAmendedDataV1, 2: ContractAmendedDataV2 },
});
