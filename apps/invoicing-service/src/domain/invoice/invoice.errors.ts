import { DomainRejection } from '@mb/kernel';
import type { InvoiceIntent, InvoiceStatus } from './invoice-status';

export const InvoiceErrors = {
  illegalTransition: (id: string, from: InvoiceStatus, intent: InvoiceIntent) =>
    new DomainRejection('conflict', 'invoice.illegal_transition', `invoice ${id} cannot ${intent.replace('_', ' ')} from ${from}`),
  notFound: (id: string) => new DomainRejection('not_found', 'invoice.not_found', `invoice ${id} does not exist`),
  notIssued: (id: string) => new DomainRejection('conflict', 'invoice.not_issued', `invoice ${id} is a draft: it has no number and no document yet`),
  notOpen: (id: string, status: InvoiceStatus) =>
    new DomainRejection('conflict', 'invoice.not_open', `invoice ${id} is ${status}; payments apply to open invoices only`, 'invoice_id'),
  currencyMismatch: (invoiceCurrency: string, paymentCurrency: string) =>
    new DomainRejection('invalid', 'payment.currency_mismatch', `the invoice is in ${invoiceCurrency}, the payment in ${paymentCurrency}`, 'currency'),
  nonPositivePayment: () => new DomainRejection('invalid', 'payment.amount_not_positive', 'a payment must be at least one minor unit', 'amount_cents'),
  allocationExceedsBalance: (invoiceId: string, amountCents: number, balanceCents: number) =>
    new DomainRejection(
      'invalid',
      'payment.allocation_exceeds_balance',
      `the allocation of ${amountCents} exceeds the open balance of ${balanceCents} of invoice ${invoiceId}; what a payment does not allocate becomes the client's credit`,
      'allocations',
    ),
  notOpenForCorrection: (id: string, status: InvoiceStatus) =>
    new DomainRejection('conflict', 'invoice.not_open', `invoice ${id} is ${status}; only an open invoice can be credited, voided or written off`, 'invoice_id'),
  hasPayments: (id: string) =>
    new DomainRejection('conflict', 'invoice.has_payments', `invoice ${id} has payments on it: issue a credit note instead of voiding it`),
  hasCreditNotes: (id: string) =>
    new DomainRejection('conflict', 'invoice.has_credit_notes', `invoice ${id} has credit notes against it: credit the rest instead of voiding it`),
  reasonRequired: (maxLength: number) =>
    new DomainRejection('invalid', 'invoice.reason_required', `a reason is required, at most ${maxLength} characters`, 'reason'),
  creditExceedsBalance: (amountCents: number, balanceCents: number) =>
    new DomainRejection('invalid', 'credit_note.exceeds_balance', `the credit of ${amountCents} exceeds the open balance of ${balanceCents}`, 'amount_cents'),
};
