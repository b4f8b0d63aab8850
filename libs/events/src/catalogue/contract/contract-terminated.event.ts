import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { ClientId, ContractId, Text, Timestamp } from '../event-fields';

export const ContractTerminatedDataV1 = Type.Object(
  {
    contract_id: ContractId,
    client_id: ClientId,
    terminated_at: Timestamp('When the termination took effect.'),
    reason: Text('Why the contract was terminated.'),
  },
  {
    description:
      'Unbilled milestones are to be cancelled; completed or approved ones stay billable (milestone-service decides which).',
  },
);

export const contractTerminated = defineEvent({
  name: 'contract.terminated',
  producer: 'contract-service',
  description: 'A contract was terminated before completion.',
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: ContractTerminatedDataV1 },
});
