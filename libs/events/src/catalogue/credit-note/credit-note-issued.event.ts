import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import {
  BasisPoints,
  CalendarDate,
  Cents,
  ClientId,
  ContractId,
  CreditNoteId,
  CreditNoteNumber,
  Currency,
  InvoiceId,
  InvoiceNumber,
  MilestoneIndex,
  StringEnum,
  Text,
  TEXT_LIMITS,
} from '../event-fields';

const CreditNoteLineV1 = Type.Object(
  {
    line_number: Type.Integer({ minimum: 1, description: 'Position on the credit note, from 1.' }),
    invoice_line_number: Type.Integer({ minimum: 1, description: 'The invoice line it credits.' }),
    description: Text('As on the invoice line.', TEXT_LIMITS.invoiceLineDescription),
    amount_cents: Cents('Net amount credited on the line, before tax.', { minimum: 1 }),
    tax_rate_bps: BasisPoints("The invoice line's tax rate."),
    tax_cents: Cents('Tax credited on the line.'),
  },
  { description: 'One line of the credit note.' },
);

export const CreditNoteIssuedDataV1 = Type.Object(
  {
    credit_note_id: CreditNoteId,
    credit_note_number: CreditNoteNumber,
    invoice_id: InvoiceId,
    invoice_number: InvoiceNumber,
    contract_id: ContractId,
    client_id: ClientId,
    milestone_index: Type.Optional(MilestoneIndex),
    currency: Currency,
    subtotal_cents: Cents('Credited amount before tax.'),
    tax_cents: Cents('Tax credited.'),
    total_cents: Cents("subtotal_cents + tax_cents: the credit note's document total."),
    retainage_cents: Cents("Retainage no longer held on what was credited (the invoice's retainage rate on the credited amount)."),
    amount_credited_cents: Cents('What the credit note takes off the invoice balance: total_cents − retainage_cents (equal to total_cents when nothing is retained).'),
    issue_date: CalendarDate('Issue date printed on the credit note.'),
    reason: Text('Why the credit was granted.', TEXT_LIMITS.creditNoteReason),
    lines: Type.Array(CreditNoteLineV1, { minItems: 1, description: 'What was credited, line by line.' }),
    invoice_amount_due_cents: Cents('What the client still owes on the invoice after this credit note.'),
    invoice_status: StringEnum(['open', 'paid', 'credited'] as const, {
      description: 'The invoice after this credit note: still open, paid (money had been received and the credit settled the rest), or credited (cancelled in full by credit notes).',
    }),
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
