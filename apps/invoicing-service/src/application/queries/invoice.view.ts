import { type PaymentInstructions, paymentInstructionsOf } from '../../domain/documents/payment-instructions';
import type { SellerIdentity } from '../../domain/documents/seller-identity';
import { isPastDueAt } from '../../domain/invoice/due-date';
import { balanceOf, type InvoiceSnapshot } from '../../domain/invoice/invoice';

/** An invoice as the APIs read it: its snapshot, with what is still owed and whether that is late. */
export interface InvoiceView extends InvoiceSnapshot {
  /** The open balance (balanceOf): payable − paid − credited; 0 once void or uncollectible. */
  readonly amountDueCents: number;
  /** Open past its due date at the service clock's now, by the client's calendar. */
  readonly overdue: boolean;
  /** A dispute collections opened on it is not yet resolved (issue 11): reminders and dunning leave it alone. */
  readonly inDispute: boolean;
  /** How to pay it, as its PDF and e-invoice say (issue 15); null for a draft. */
  readonly paymentInstructions: PaymentInstructions | null;
}

export function invoiceViewOf(invoice: InvoiceSnapshot, now: Date, seller: SellerIdentity, inDispute = false): InvoiceView {
  return {
    ...invoice,
    paymentInstructions: paymentInstructionsOf(invoice, seller),
    amountDueCents: balanceOf(invoice),
    overdue: invoice.status === 'open' && invoice.dueDate !== null && isPastDueAt(invoice.dueDate, now, invoice.clientTimeZone),
    inDispute,
  };
}
