import { defineEmailTemplate } from './email-template';

/** How to pay, as the invoice PDF prints it. */
export interface PaymentInstructions {
  readonly accountName: string;
  readonly bankAccount: string;
  readonly bankBic: string | null;
  readonly paymentReference: string;
}

/** Everything a payment reminder says (invoice.payment_reminder_due). */
export interface PaymentReminderNotice {
  readonly invoiceId: string;
  readonly clientName: string | null;
  readonly contractTitle: string | null;
  readonly invoiceNumber: string;
  readonly reminderKind: 'before_due' | 'on_due' | 'after_due';
  readonly currency: string;
  readonly amountDueCents: number;
  readonly dueDate: string;
  readonly daysUntilDue: number;
  readonly daysPastDue: number;
  readonly paymentInstructions: PaymentInstructions;
}

/**
 * A payment reminder for one invoice, to the client's AP contact, with the invoice PDF attached.
 * The tone follows the kind: a courtesy note before the due date, a plain "due today" on it, and a
 * firmer but still polite note after it (the dunning letters of a collections case come later, from
 * collections-service).
 */
export const paymentReminderTemplate = defineEmailTemplate<PaymentReminderNotice>({
  name: 'payment-reminder',
  description: "An invoice falls due soon, today, or was due (by reminderKind): how much, when, how to pay; the invoice PDF attached. To the client's AP contact.",
  attachments: (notice) => [{ kind: 'invoice_pdf', id: notice.invoiceId }],
  sample: {
    invoiceId: 'inv_01JNQ8W3Y1A3C5E7G9J1K3M5P7',
    clientName: 'Acme Corp',
    contractTitle: 'Customer portal rebuild',
    invoiceNumber: 'INV-2026-000042',
    reminderKind: 'before_due',
    currency: 'usd',
    amountDueCents: 772_500,
    dueDate: '2026-06-27',
    daysUntilDue: 3,
    daysPastDue: 0,
    paymentInstructions: { accountName: 'Milestone Billing Example Ltd', bankAccount: 'DE02120300000000202051', bankBic: 'BYLADEM1001', paymentReference: 'INV-2026-000042' },
  },
});
