import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Count, Text, Timestamp } from '../event-fields';
import { contractTermsFields } from './contract-terms.fields';

export const ContractAmendedDataV1 = Type.Object(
  {
    ...contractTermsFields,
    previous_schedule_version: Count('The schedule version this amendment replaces.', { minimum: 1 }),
    amended_at: Timestamp('When the change order took effect.'),
    reason: Type.Optional(Text('Why the contract was amended, as entered on the change order.')),
  },
  { description: 'The contract after a change order; only milestones not yet billed may have changed.' },
);

export const contractAmended = defineEvent({
  name: 'contract.amended',
  producer: 'contract-service',
  description: 'A change order produced a new version of the contract and its schedule.',
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: ContractAmendedDataV1 },
});
