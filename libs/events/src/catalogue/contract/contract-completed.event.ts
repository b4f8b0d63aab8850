import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Cents, ClientId, ContractId, Count, Currency, Timestamp } from '../event-fields';

export const ContractCompletedDataV1 = Type.Object(
  {
    contract_id: ContractId,
    client_id: ClientId,
    completed_at: Timestamp('When the last milestone was paid or settled, completing the contract.'),
    currency: Currency,
    total_value_cents: Cents('The contract value, before tax.'),
    paid_milestones: Count('Milestones paid.', { minimum: 1 }),
    cancelled_milestones: Count('Milestones cancelled, never billed.', { minimum: 0 }),
  },
  { description: 'Every milestone is paid or cancelled, at least one paid: retainage still held is to be released, timers left closed.' },
);

export const contractCompleted = defineEvent({
  name: 'contract.completed',
  producer: 'contract-service',
  description: 'An active contract completed: every milestone paid or cancelled.',
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: ContractCompletedDataV1 },
});
