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

export const collectionsPaymentPlanAgreed = defineEvent({
  name: 'collections.payment_plan_agreed',
  producer: 'collections-service',
  description: 'A client agreed a payment plan for its overdue balance.',
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsPaymentPlanAgreedDataV1 },
});
