import type { InvoiceStatus } from '../invoice/invoice-status';

/** What decides whether an invoice is still reminded: its status and open balance. */
export interface RemindableInvoice {
  readonly status: InvoiceStatus;
  readonly balanceCents: number;
}

/** What is known of the invoice beyond its own state: whether the client disputes it right now. */
export interface ReminderCircumstances {
  readonly inDispute: boolean;
}

/**
 * The one check of whether an invoice's client is still reminded to pay it, applied when its
 * reminders are planned and again when each fires: only an open invoice with a balance. A paid,
 * credited (in full), voided or uncollectible invoice is not open, so it gets none.
 *
 * An invoice in dispute is not reminded while the dispute is open: a reminder falling due then is
 * skipped (not cancelled), so the later ones still speak if the dispute is rejected.
 */
export function remindersApplyTo(invoice: RemindableInvoice): boolean {
  return invoice.status === 'open' && invoice.balanceCents > 0;
}

/** Whether a reminder falling due now is sent: the invoice is still reminded and not in dispute. */
export function reminderSpeaksNow(invoice: RemindableInvoice, circumstances: ReminderCircumstances): boolean {
  return remindersApplyTo(invoice) && !circumstances.inDispute;
}
