import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CalendarDate, Cents, ClientId, ContractId, Currency, InvoiceId, InvoiceNumber, PaymentId, Text } from '../event-fields';

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
    reference: Type.Optional(Text("The payer's reference (bank transfer reference, cheque number).")),
  },
  {
    description:
      'A payment received for one contract. A remittance covering several contracts is recorded as one payment per contract, so every payment keeps the per-contract ordering.',
  },
);

export const paymentRecorded = defineEvent({
  name: 'payment.recorded',
  producer: 'invoicing-service',
  description: "A payment was recorded and allocated to a contract's invoices.",
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: PaymentRecordedDataV1 },
});
