import type { InvoiceStatus } from '../invoice/invoice-status';

/** What decides whether an invoice is still reminded: its status and open balance. */
export interface RemindableInvoice {
  readonly status: InvoiceStatus;
  readonly balanceCents: number;
}

/**
 * The one check of whether an invoice's client is still reminded to pay it, applied when its
 * reminders are planned and again when each fires: only an open invoice with a balance. A paid,
 * credited (in full), voided or uncollectible invoice is not open, so it gets none.
 *
 * Disputes (issue 11 item 3): an invoice in dispute gets no reminders either. The dispute flag is
 * added to invoices by the disputes work; when it lands, this is the single place to extend
 * (`&& !invoice.inDispute`), and the dispute's opening and resolution should replan the invoice's
 * reminders (PlanPaymentRemindersHandler.planFor) as a payment or a void does.
 */
export function remindersApplyTo(invoice: RemindableInvoice): boolean {
  return invoice.status === 'open' && invoice.balanceCents > 0;
}
