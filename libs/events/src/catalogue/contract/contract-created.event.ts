import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { contractTermsFieldsV1, contractTermsFieldsV2 } from './contract-terms.fields';

const description = 'A draft contract with its payment schedule; schedule health errors were already refused.';

export const ContractCreatedDataV1 = Type.Object(contractTermsFieldsV1, { description });

/** Version 2: a milestone's billing_trigger may also be on_date. */
export const ContractCreatedDataV2 = Type.Object(contractTermsFieldsV2, { description });

export const contractCreated = defineEvent({
  name: 'contract.created',
  producer: 'contract-service',
  description: 'A contract was drafted with its payment schedule.',
  partitionKey: 'contract_id',
  currentVersion: 2,
  versions: { 1: ContractCreatedDataV1, 2: ContractCreatedDataV2 },
});
