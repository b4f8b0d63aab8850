import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import {
  CalendarDate,
  CaseId,
  Cents,
  ClientId,
  ContractId,
  Count,
  Currency,
  InvoiceId,
  InvoiceNumber,
  PaymentPlanId,
  StringEnum,
  TEXT_LIMITS,
  Timestamp,
} from '../event-fields';

export const PaymentPlanInstalment = Type.Object(
  {
    instalment_index: Count('Position of the instalment in the plan, from 1.', { minimum: 1 }),
    due_date: CalendarDate('Date the instalment is due.'),
    amount_cents: Cents('Amount of the instalment.', { minimum: 1 }),
  },
  { description: 'One instalment of a payment plan.' },
);

export const PaymentPlanInvoice = Type.Object(
  {
    invoice_id: InvoiceId,
    invoice_number: InvoiceNumber,
    contract_id: ContractId,
    amount_cents: Cents('Part of the overdue balance of this invoice the plan covers.', { minimum: 1 }),
  },
  { description: 'An overdue invoice the plan covers.' },
);

export const CollectionsPaymentPlanAgreedDataV1 = Type.Object(
  {
    case_id: CaseId,
    client_id: ClientId,
    agreed_at: Timestamp('When the client agreed to the plan.'),
    currency: Currency,
    total_cents: Cents('Overdue balance the plan splits; the instalments add up to it exactly.', { minimum: 1 }),
    instalments: Type.Array(PaymentPlanInstalment, { minItems: 1, description: 'Ordered by instalment_index.' }),
    invoices: Type.Array(PaymentPlanInvoice, { minItems: 1, description: 'The overdue invoices the plan covers.' }),
  },
  { description: 'A payment plan splitting the overdue balance into instalments; dunning pauses while it holds.' },
);

export const PAYMENT_PLAN_INSTALMENT_KINDS = ['down_payment', 'instalment'] as const;

export const PaymentPlanInstalmentV2 = Type.Object(
  {
    instalment_index: Type.Integer({ minimum: 0, description: 'Position in the plan: 0 for the down payment, then the instalments from 1.' }),
    kind: StringEnum(PAYMENT_PLAN_INSTALMENT_KINDS, { description: 'down_payment: paid first, before the instalments; instalment: one of the N instalments.' }),
    due_date: CalendarDate("Date it is due, a calendar date in the client's time zone."),
    amount_cents: Cents('Amount due on that date.', { minimum: 1 }),
  },
  { description: 'One payment the plan schedules (the down payment or an instalment).' },
);

// Version 2 (issue 11): the plan has an id (its schedule PDF and later events name it), a down
// payment may come first (index 0), and the grace period and reminder lead are stated.
export const CollectionsPaymentPlanAgreedDataV2 = Type.Object(
  {
    payment_plan_id: PaymentPlanId,
    case_id: CaseId,
    client_id: ClientId,
    agreed_at: Timestamp('When the plan was agreed.'),
    currency: Currency,
    total_cents: Cents('Overdue balance the plan splits; the down payment and instalments add up to it exactly.', { minimum: 1 }),
    down_payment_cents: Cents('The down payment, 0 when the plan has none.'),
    instalments: Type.Array(PaymentPlanInstalmentV2, { minItems: 2, description: 'Ordered by instalment_index (due date order): the down payment if any, then the instalments.' }),
    invoices: Type.Array(PaymentPlanInvoice, { minItems: 1, description: 'The overdue invoices the plan covers.' }),
    grace_days: Count('Days after a due date an unpaid instalment may still be paid before the plan breaks.', { minimum: 0 }),
    reminder_days_before: Count('Days before each due date the client is reminded.', { minimum: 0 }),
    time_zone: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.timeZone, description: "The client's IANA time zone the dates are in." }),
  },
  { description: 'A payment plan splitting the overdue balance into instalments; dunning pauses while it holds.' },
);

export const collectionsPaymentPlanAgreed = defineEvent({
  name: 'collections.payment_plan_agreed',
  producer: 'collections-service',
  description: 'A client agreed a payment plan for its overdue balance.',
  partitionKey: 'client_id',
  currentVersion: 2,
  versions: { 1: CollectionsPaymentPlanAgreedDataV1, 2: CollectionsPaymentPlanAgreedDataV2 },
});
