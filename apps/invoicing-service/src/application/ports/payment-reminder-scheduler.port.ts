import type { Invoice } from '../../domain/invoice/invoice';

/**
 * What the use cases that change an invoice ask of its payment reminders, in their unit of work:
 * plan them (issued, or its policy changed) or cancel those still to come (paid, credited in
 * full, voided, written off). PlanPaymentRemindersHandler is the implementation.
 */
export abstract class PaymentReminderScheduler {
  /** Plans the invoice's reminders under its current policy; cancels them when it is no longer reminded. */
  abstract planFor(invoice: Invoice): Promise<void>;
  /** Cancels every reminder of the invoice still to come. */
  abstract cancelFor(invoiceId: string): Promise<void>;
}
