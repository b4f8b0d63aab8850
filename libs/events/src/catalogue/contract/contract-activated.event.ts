import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Timestamp } from '../event-fields';
import { contractTermsFields } from './contract-terms.fields';

export const ContractActivatedDataV1 = Type.Object(
  {
    ...contractTermsFields,
    activated_at: Timestamp('When the contract was signed and became active.'),
  },
  {
    description:
      'The contract as signed. Invoicing prepares a draft invoice per milestone from it; on_signing milestones become billable.',
  },
);

export const contractActivated = defineEvent({
  name: 'contract.activated',
  producer: 'contract-service',
  description: 'A contract was signed and is now active; its schedule is binding.',
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: ContractActivatedDataV1 },
});
