import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CalendarDate, Cents, Currency, MilestoneId, MilestoneIndex, MilestoneTitle, Text } from '../event-fields';
import { invoiceIdentityFields } from './invoice-identity.fields';

export const InvoiceIssuedDataV1 = Type.Object(
  {
    ...invoiceIdentityFields,
    milestone_index: MilestoneIndex,
    milestone_title: MilestoneTitle,
    currency: Currency,
    subtotal_cents: Cents('Sum of the rounded line amounts before tax.'),
    tax_cents: Cents('Sum of the rounded line taxes (half-even per line).'),
    retainage_cents: Cents('Amount withheld until final acceptance; 0 when the contract has no retainage.'),
    total_cents: Cents('subtotal_cents + tax_cents.'),
    amount_due_cents: Cents('total_cents - retainage_cents: what the client is asked to pay now.'),
    credit_applied_cents: Type.Optional(
      Cents(
        "The client's unapplied credit (from earlier over-payments) applied to the invoice at issue; what is left to pay is amount_due_cents - credit_applied_cents. Absent when none.",
        { minimum: 1 },
      ),
    ),
    issue_date: CalendarDate('Issue date printed on the invoice.'),
    due_date: CalendarDate("Due date: the issue date plus the contract's net days."),
    milestone_id: Type.Optional(MilestoneId),
    purchase_order_ref: Type.Optional(
      Type.Union([Text("The client's purchase-order reference."), Type.Null()], {
        description: "The client's purchase-order reference printed on the invoice; null when none.",
      }),
    ),
  },
  { description: 'An invoice was numbered and issued for a milestone that became billable.' },
);

export const invoiceIssued = defineEvent({
  name: 'invoice.issued',
  producer: 'invoicing-service',
  description: 'An invoice was issued (numbered, dated, due on the contract terms) for a billable milestone.',
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: InvoiceIssuedDataV1 },
});
