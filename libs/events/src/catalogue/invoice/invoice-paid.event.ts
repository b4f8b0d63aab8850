import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Cents, Currency, PaymentId, Timestamp } from '../event-fields';
import { invoiceIdentityFields, optionalInvoiceKind, optionalMilestoneIndex } from './invoice-identity.fields';

export const InvoicePaidDataV1 = Type.Object(
  {
    ...invoiceIdentityFields,
    ...optionalMilestoneIndex,
    ...optionalInvoiceKind,
    currency: Currency,
    amount_paid_cents: Cents('Total settled on the invoice by payments and credit notes.'),
    paid_at: Timestamp('When the balance reached zero.'),
    payment_ids: Type.Optional(Type.Array(PaymentId, { description: 'Payments allocated to the invoice.' })),
  },
  { description: "The invoice's balance reached zero; the invoice is paid." },
);

export const invoicePaid = defineEvent({
  name: 'invoice.paid',
  producer: 'invoicing-service',
  description: 'An invoice was paid in full.',
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: InvoicePaidDataV1 },
});
