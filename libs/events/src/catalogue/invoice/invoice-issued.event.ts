import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CalendarDate, Cents, Count, Currency, InvoiceId, InvoiceNumber, MilestoneId, MilestoneIndex, MilestoneTitle, StringEnum, Text, TEXT_LIMITS } from '../event-fields';
import { INVOICE_KINDS, invoiceIdentityFields } from './invoice-identity.fields';

const amountFields = {
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
    Type.Union([Text("The client's purchase-order reference.", TEXT_LIMITS.purchaseOrderRef), Type.Null()], {
      description: "The client's purchase-order reference printed on the invoice; null when none.",
    }),
  ),
};

export const InvoiceIssuedDataV1 = Type.Object(
  {
    ...invoiceIdentityFields,
    milestone_index: MilestoneIndex,
    milestone_title: MilestoneTitle,
    ...amountFields,
  },
  { description: 'An invoice was numbered and issued for a milestone that became billable.' },
);


export const ReleasedRetainage = Type.Object(
  {
    invoice_id: InvoiceId,
    invoice_number: InvoiceNumber,
    retainage_cents: Cents('The retainage withheld on that invoice, released (billed) by this one.', { minimum: 1 }),
  },
  { description: 'An earlier invoice of the contract whose retainage this invoice releases.' },
);

/**
 * Version 2 (issue 10 "Retainage released"): an invoice may bill the retainage withheld on the
 * contract's earlier invoices rather than a milestone, so `kind` says which, and the milestone
 * fields, required in version 1, are present only on a milestone's invoice (loosening a rule is a
 * new version, docs/events "Versioning").
 */
export const InvoiceIssuedDataV2 = Type.Object(
  {
    ...invoiceIdentityFields,
    kind: StringEnum(INVOICE_KINDS, {
      description:
        "What the invoice bills: `milestone`, a milestone of the schedule (milestone_index and milestone_title name it); `retainage_release`, the retainage withheld on the contract's earlier invoices (released_invoices names them), billed at final acceptance or on the contract's retainage release date.",
    }),
    milestone_index: Type.Optional(MilestoneIndex),
    milestone_title: Type.Optional(MilestoneTitle),
    released_invoices: Type.Optional(
      Type.Array(ReleasedRetainage, {
        minItems: 1,
        description: 'On a retainage_release invoice: the invoices whose retainage it bills, one line each; their retainage_cents add up to subtotal_cents.',
      }),
    ),
    ...amountFields,
    // Optional (added within version 2, issue 14 change orders): absent from invoices issued before
    // schedules had versions to name, which were all billed under version 1.
    schedule_version: Type.Optional(
      Count("The version of the contract's payment schedule the invoice was billed under (change orders add versions); an issued invoice keeps it.", { minimum: 1 }),
    ),
  },
  { description: 'An invoice was numbered and issued: for a milestone that became billable, or releasing the retainage withheld on earlier invoices.' },
);

export const invoiceIssued = defineEvent({
  name: 'invoice.issued',
  producer: 'invoicing-service',
  description: 'An invoice was issued (numbered, dated, due on the contract terms) for a billable milestone or for released retainage.',
  partitionKey: 'contract_id',
  currentVersion: 2,
  versions: { 1: InvoiceIssuedDataV1, 2: InvoiceIssuedDataV2 },
});
