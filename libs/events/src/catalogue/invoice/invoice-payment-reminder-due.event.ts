import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CalendarDate, Cents, Count, Currency, StringEnum, Text, Timestamp, TEXT_LIMITS } from '../event-fields';
import { invoiceIdentityFields, optionalInvoiceKind, optionalMilestoneIndex } from './invoice-identity.fields';

/** When a payment reminder goes out, relative to the invoice's due date (issue 11 item 1). */
export const PAYMENT_REMINDER_KINDS = ['before_due', 'on_due', 'after_due'] as const;

export const InvoicePaymentReminderDueDataV1 = Type.Object(
  {
    ...invoiceIdentityFields,
    ...optionalMilestoneIndex,
    ...optionalInvoiceKind,
    reminder_kind: StringEnum(PAYMENT_REMINDER_KINDS, {
      description: '`before_due` (days before the due date), `on_due` (on it) or `after_due` (days after it); the tone of the message follows it.',
    }),
    reminder_offset_days: Count('Days before (before_due) or after (after_due) the due date the reminder is set for; 0 on the due date. With the invoice and the kind, the reminder\'s natural key: each is sent at most once.', { minimum: 0 }),
    reminded_at: Timestamp('The instant the reminder was due: a fixed local time of day in the client\'s time zone.'),
    currency: Currency,
    amount_due_cents: Cents('The open balance when the reminder went out (payable − paid − credited), exact.', { minimum: 1 }),
    total_cents: Cents('The invoice total, as issued.'),
    issue_date: CalendarDate('The date the invoice was issued.'),
    due_date: CalendarDate('The date the invoice is (or was) due, in the client\'s calendar.'),
    days_until_due: Count('Whole days from the reminder\'s date to the due date in the client\'s calendar; 0 on and after the due date.', { minimum: 0 }),
    days_past_due: Count('Whole days the invoice is late in the client\'s calendar; 0 before and on the due date.', { minimum: 0 }),
    payment_instructions: Type.Object(
      {
        account_name: Text("The account holder's name: the seller's legal name unless configured otherwise.", TEXT_LIMITS.sellerAccountName),
        bank_account: Text('The account to pay into: an IBAN, or an account number where IBANs are not used.', TEXT_LIMITS.bankAccount),
        bank_bic: Type.Optional(Text("The BIC of the seller's bank, when payments need one.", TEXT_LIMITS.bankBic)),
        payment_reference: Text('What to quote with the payment: the invoice number.', TEXT_LIMITS.paymentReferenceToQuote),
      },
      { description: 'How to pay: the seller bank details printed on the invoice PDF (SELLER_* configuration of invoicing-service).' },
    ),
    invoice_pdf_path: Text("The invoice PDF on invoicing-service's REST API (`/v1/invoices/{id}/pdf`), relative to its base URL.", TEXT_LIMITS.invoicePdfPath),
  },
  { description: 'A payment reminder of an open invoice fell due: before, on or after its due date. Sent at most once per invoice, kind and offset.' },
);

export const invoicePaymentReminderDue = defineEvent({
  name: 'invoice.payment_reminder_due',
  producer: 'invoicing-service',
  description: 'A payment reminder of an open invoice fell due (before, on or after its due date), per the reminder policy of its contract or client.',
  partitionKey: 'contract_id',
  currentVersion: 1,
  versions: { 1: InvoicePaymentReminderDueDataV1 },
});
