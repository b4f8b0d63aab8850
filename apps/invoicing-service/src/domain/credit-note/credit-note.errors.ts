import { DomainRejection } from '@mb/kernel';

export const CreditNoteErrors = {
  notFound: (id: string) => new DomainRejection('not_found', 'credit_note.not_found', `credit note ${id} does not exist`),
  reasonRequired: (maxLength: number) =>
    new DomainRejection('invalid', 'credit_note.reason_required', `a credit note needs a reason, at most ${maxLength} characters`, 'reason'),
  oneScope: () =>
    new DomainRejection('invalid', 'credit_note.scope_required', 'say what to credit: exactly one of `full: true`, `lines` or `amount_cents`', 'lines'),
  unknownLine: (lineNumber: number) => new DomainRejection('invalid', 'credit_note.unknown_line', `the invoice has no line ${lineNumber}`, 'lines'),
  duplicateLine: (lineNumber: number) => new DomainRejection('invalid', 'credit_note.duplicate_line', `line ${lineNumber} is named twice`, 'lines'),
  nonPositiveAmount: (field: string) => new DomainRejection('invalid', 'credit_note.amount_not_positive', 'a credit must be at least one minor unit', field),
  exceedsLine: (lineNumber: number, amountCents: number, creditableCents: number) =>
    new DomainRejection('invalid', 'credit_note.exceeds_line', `line ${lineNumber} has ${creditableCents} left to credit before tax, not ${amountCents}`, 'lines'),
  exceedsInvoice: (amountCents: number, creditableCents: number) =>
    new DomainRejection('invalid', 'credit_note.exceeds_invoice', `the invoice has ${creditableCents} left to credit before tax, not ${amountCents}`, 'amount_cents'),
  nothingToCredit: (invoiceId: string) => new DomainRejection('conflict', 'credit_note.nothing_to_credit', `invoice ${invoiceId} has been credited in full already`),
};
