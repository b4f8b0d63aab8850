import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CalendarDate, Cents, Count, Currency } from '../event-fields';
import { invoiceIdentityFields, optionalInvoiceKind, optionalMilestoneIndex } from './invoice-identity.fields';

export const InvoiceOverdueDataV1 = Type.Object(
  {
    ...invoiceIdentityFields,
    ...optionalMilestoneIndex,
    ...optionalInvoiceKind,
    currency: Currency,
    amount_due_cents: Cents('Open balance still due.', { minimum: 1 }),
    due_date: CalendarDate('The due date that passed.'),
    days_overdue: Count('Days past the due date when announced.', { minimum: 1 }),
  },
  { description: 'An open invoice passed its due date with a balance; announced once per invoice.' },
);

export const invoiceOverdue = defineEvent({
  name: 'invoice.overdue',
  producer: 'invoicing-service',
  description: 'An open invoice went past its due date with a balance (announced once).',
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: InvoiceOverdueDataV1 },
});
