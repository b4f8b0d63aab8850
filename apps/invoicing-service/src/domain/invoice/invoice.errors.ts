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
};
