import { DomainRejection } from '@mb/kernel';
import type { DisputeStatus } from './dispute';

/** The business refusals of disputes, each a stable code the API returns (issue 11 "Disputes"). */
export const DisputeErrors = {
  notFound: (disputeId: string) => new DomainRejection('not_found', 'dispute.not_found', `no dispute ${disputeId}`),
  /** Collections has not heard of the invoice (no invoice.issued yet), or the caller may not see it. */
  invoiceNotFound: (invoiceId: string) => new DomainRejection('not_found', 'invoice.not_found', `no invoice ${invoiceId}`),
  invoiceNotOpen: (invoiceId: string) =>
    new DomainRejection('conflict', 'dispute.invoice_not_open', `invoice ${invoiceId} has nothing left to pay (paid, credited, voided or written off): there is nothing to dispute`),
  alreadyOpen: (invoiceId: string, disputeId: string) =>
    new DomainRejection('conflict', 'dispute.already_open', `invoice ${invoiceId} already has an open dispute (${disputeId}); one open dispute per invoice`),
  alreadyResolved: (disputeId: string, status: DisputeStatus) => new DomainRejection('conflict', 'dispute.already_resolved', `dispute ${disputeId} is no longer open: it was ${status}`),
  amountNotPositive: () => new DomainRejection('invalid', 'dispute.amount_not_positive', 'amount_cents must be a positive whole number of minor units', 'amount_cents'),
  amountExceedsBalance: (amountCents: number, balanceCents: number) =>
    new DomainRejection('invalid', 'dispute.amount_exceeds_balance', `amount_cents ${amountCents} is more than the invoice's open balance ${balanceCents}`, 'amount_cents'),
  reasonRequired: (maxLength: number) => new DomainRejection('invalid', 'dispute.reason_required', `reason must be 1 to ${maxLength} characters, not only spaces`, 'reason'),
  noteRequired: (maxLength: number) => new DomainRejection('invalid', 'dispute.note_required', `note must be 1 to ${maxLength} characters, not only spaces`, 'note'),
  creditNotPositive: () => new DomainRejection('invalid', 'dispute.credit_not_positive', 'credit_amount_cents must be a positive whole number of minor units', 'credit_amount_cents'),
  creditExceedsDisputed: (creditCents: number, disputedCents: number) =>
    new DomainRejection('invalid', 'dispute.credit_exceeds_disputed', `credit_amount_cents ${creditCents} is more than the disputed ${disputedCents}`, 'credit_amount_cents'),
  creditOnRejection: () =>
    new DomainRejection('invalid', 'dispute.credit_on_rejection', 'credit_amount_cents is given only when the dispute is upheld', 'credit_amount_cents'),
};
