import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Timestamp } from '../event-fields';
import { contractTermsFieldsV1, contractTermsFieldsV2 } from './contract-terms.fields';

const description =
  'The contract as signed. Invoicing prepares a draft invoice per milestone from it; on_signing milestones become billable.';

export const ContractActivatedDataV1 = Type.Object(
  {
    ...contractTermsFieldsV1,
    activated_at: Timestamp('When the contract was signed and became active.'),
  },
  { description },
);

/** Version 2: a milestone's billing_trigger may also be on_date. */
export const ContractActivatedDataV2 = Type.Object(
  {
    ...contractTermsFieldsV2,
    activated_at: Timestamp('When the contract was signed and became active.'),
  },
  { description },
);

export const contractActivated = defineEvent({
  name: 'contract.activated',
  producer: 'contract-service',
  description: 'A contract was signed and is now active; its schedule is binding.',
  partitionKey: 'contract_id',
  currentVersion: 2,
  versions: { 1: ContractActivatedDataV1, 2: ContractActivatedDataV2 },
});
