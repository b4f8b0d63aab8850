import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CalendarDate, Cents, ClientId, ContractId, Currency, InvoiceId, InvoiceNumber, PaymentId, StringEnum, Text, TEXT_LIMITS } from '../event-fields';

/** How money reached the supplier (issue 10 "Cash application"). */
export const PAYMENT_METHODS = ['bank_transfer', 'card', 'cheque', 'collection_agency', 'other'] as const;

export const PaymentAllocation = Type.Object(
  {
    invoice_id: InvoiceId,
    invoice_number: InvoiceNumber,
    amount_cents: Cents('Part of the payment applied to this invoice.', { minimum: 1 }),
  },
  { description: 'Part of a payment applied to one invoice.' },
);

export const PaymentRecordedDataV1 = Type.Object(
  {
    payment_id: PaymentId,
    contract_id: ContractId,
    client_id: ClientId,
    currency: Currency,
    amount_cents: Cents('Amount received.', { minimum: 1 }),
    received_on: CalendarDate('Date the money was received (value date).'),
    allocations: Type.Array(PaymentAllocation, {
      description: "Invoices of this contract the payment settles; with unapplied_cents it adds up to amount_cents.",
    }),
    unapplied_cents: Cents('Overpayment left unallocated, held as a credit for the client.'),
    reference: Type.Optional(Text("The payer's reference (bank transfer reference, cheque number).", TEXT_LIMITS.paymentReference)),
  },
  {
    description:
      'A payment received for one contract. A remittance covering several contracts is recorded as one payment per contract, so every payment keeps the per-contract ordering.',
  },
);

export const PaymentAllocationV2 = Type.Object(
  {
    invoice_id: InvoiceId,
    invoice_number: InvoiceNumber,
    contract_id: ContractId,
    amount_cents: Cents('Part of the payment applied to this invoice.', { minimum: 1 }),
  },
  { description: 'Part of a payment applied to one invoice of the client, with the contract the invoice bills.' },
);

/**
 * Version 2 (issue 10 "Cash application"): a payment belongs to a client, not a contract. It is
 * allocated across any of the client's open invoices in its currency (each allocation names its
 * contract), and what is left is the client's unapplied credit. The key is therefore the client.
 */
export const PaymentRecordedDataV2 = Type.Object(
  {
    payment_id: PaymentId,
    client_id: ClientId,
    currency: Currency,
    amount_cents: Cents('Amount received.', { minimum: 1 }),
    received_on: CalendarDate("Date the money was received (value date), in the client's time zone."),
    method: StringEnum(PAYMENT_METHODS, { description: 'How the money was paid.' }),
    external_reference: Type.Optional(
      Text("The payer's or bank's reference (bank transfer reference, cheque number); unique per client.", TEXT_LIMITS.paymentReference),
    ),
    allocations: Type.Array(PaymentAllocationV2, {
      description: 'The invoices the payment settles, oldest first or as finance chose; with unapplied_cents it adds up to amount_cents.',
    }),
    unapplied_cents: Cents("What is left after the allocations: added to the client's unapplied credit in this currency."),
  },
  { description: "A payment received from a client, allocated to the client's open invoices in its currency." },
);

export const paymentRecorded = defineEvent({
  name: 'payment.recorded',
  producer: 'invoicing-service',
  description: "A payment was recorded and allocated to a client's invoices, any rest kept as the client's credit.",
  partitionKey: 'client_id',
  currentVersion: 2,
  versions: { 1: PaymentRecordedDataV1, 2: PaymentRecordedDataV2 },
});
