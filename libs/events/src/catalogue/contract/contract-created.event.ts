import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { contractTermsFields } from './contract-terms.fields';

export const ContractCreatedDataV1 = Type.Object(contractTermsFields, {
  description: 'A draft contract with its payment schedule; schedule health errors were already refused.',
});

export const contractCreated = defineEvent({
  name: 'contract.created',
  producer: 'contract-service',
  description: 'A contract was drafted with its payment schedule.',
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: ContractCreatedDataV1 },
});
