import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CaseId, Cents, Currency, Text, Timestamp, TEXT_LIMITS } from '../event-fields';
import { invoiceIdentityFields, optionalMilestoneIndex } from './invoice-identity.fields';

export const InvoiceUncollectibleDataV1 = Type.Object(
  {
    ...invoiceIdentityFields,
    ...optionalMilestoneIndex,
    currency: Currency,
    amount_uncollectible_cents: Cents('Open balance given up on.', { minimum: 1 }),
    marked_at: Timestamp('When the invoice was marked uncollectible.'),
    case_id: Type.Optional(CaseId),
    reason: Type.Optional(Text('Why the balance is considered lost.', TEXT_LIMITS.invoiceClosingReason)),
  },
  { description: 'The invoice was marked uncollectible, usually after collections wrote it off.' },
);

export const invoiceUncollectible = defineEvent({
  name: 'invoice.uncollectible',
  producer: 'invoicing-service',
  description: "An invoice's open balance was marked uncollectible.",
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: InvoiceUncollectibleDataV1 },
});
