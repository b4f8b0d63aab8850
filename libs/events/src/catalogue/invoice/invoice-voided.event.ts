import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Cents, Currency, Text, Timestamp, TEXT_LIMITS } from '../event-fields';
import { invoiceIdentityFields, optionalMilestoneIndex } from './invoice-identity.fields';

export const InvoiceVoidedDataV1 = Type.Object(
  {
    ...invoiceIdentityFields,
    ...optionalMilestoneIndex,
    currency: Currency,
    total_cents: Cents('Total of the invoice that no longer stands.'),
    voided_at: Timestamp('When the invoice was voided.'),
    reason: Text('Why the invoice was voided.', TEXT_LIMITS.invoiceClosingReason),
  },
  { description: 'The invoice was voided: nothing is owed on it any more; its number stays used.' },
);

export const invoiceVoided = defineEvent({
  name: 'invoice.voided',
  producer: 'invoicing-service',
  description: 'An invoice was voided.',
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: InvoiceVoidedDataV1 },
});
