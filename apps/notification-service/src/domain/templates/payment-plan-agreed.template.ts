import { defineEmailTemplate } from './email-template';

export interface PaymentPlanAgreedNotice {
  readonly paymentPlanId: string;
  readonly clientName: string | null;
  readonly currency: string;
  readonly totalCents: number;
  /** In due-date order: the down payment (index 0) first when there is one. */
  readonly instalments: readonly { readonly index: number; readonly kind: 'down_payment' | 'instalment'; readonly dueDate: string; readonly amountCents: number }[];
  readonly invoiceNumbers: readonly string[];
  readonly graceDays: number;
  readonly reminderDaysBefore: number;
}

/** The agreement of a payment plan, to the client's AP contact: the schedule in the text and as a PDF attached. */
export const paymentPlanAgreedTemplate = defineEmailTemplate<PaymentPlanAgreedNotice>({
  name: 'payment-plan-agreed',
  description: "A payment plan was agreed: the schedule, reminders and what a missed payment means; the schedule PDF attached. To the client's AP contact.",
  attachments: (notice) => [{ kind: 'payment_plan_pdf', id: notice.paymentPlanId }],
  sample: {
    paymentPlanId: 'plan_01JNQ8W3Y1A3C5E7G9J1K3M5P7',
    clientName: 'Acme Corp',
    currency: 'usd',
    totalCents: 772_500,
    instalments: [
      { index: 0, kind: 'down_payment', dueDate: '2026-07-20', amountCents: 100_000 },
      { index: 1, kind: 'instalment', dueDate: '2026-08-15', amountCents: 336_250 },
      { index: 2, kind: 'instalment', dueDate: '2026-09-15', amountCents: 336_250 },
    ],
    invoiceNumbers: ['INV-2026-000042', 'INV-2026-000051'],
    graceDays: 5,
    reminderDaysBefore: 3,
  },
});
