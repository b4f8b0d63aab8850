import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import {
  CalendarDate,
  Cents,
  ClientId,
  ContractId,
  CreditNoteId,
  CreditNoteNumber,
  Currency,
  InvoiceId,
  InvoiceNumber,
  Text,
} from '../event-fields';

export const CreditNoteIssuedDataV1 = Type.Object(
  {
    credit_note_id: CreditNoteId,
    credit_note_number: CreditNoteNumber,
    invoice_id: InvoiceId,
    invoice_number: InvoiceNumber,
    contract_id: ContractId,
    client_id: ClientId,
    currency: Currency,
    subtotal_cents: Cents('Credited amount before tax.'),
    tax_cents: Cents('Tax credited.'),
    total_cents: Cents('subtotal_cents + tax_cents, deducted from the invoice balance.'),
    issue_date: CalendarDate('Issue date printed on the credit note.'),
    reason: Text('Why the credit was granted.'),
  },
  { description: 'A credit note against one invoice, reducing what the client owes on it.' },
);

export const creditNoteIssued = defineEvent({
  name: 'credit_note.issued',
  producer: 'invoicing-service',
  description: 'A credit note was issued against an invoice.',
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: CreditNoteIssuedDataV1 },
});
