import { defineEmailTemplate } from './email-template';

export interface PaymentPlanBrokenNotice {
  readonly clientName: string | null;
  readonly currency: string;
  readonly missedInstalmentIndex: number;
  readonly missedDueDate: string;
  readonly missedUnpaidCents: number;
  readonly graceDays: number;
  readonly outstandingCents: number;
}

/** The plan ended because an instalment was not paid within its grace period: what was missed and what is now due. */
export const paymentPlanBrokenTemplate = defineEmailTemplate<PaymentPlanBrokenNotice>({
  name: 'payment-plan-broken',
  description: "A payment plan ended because an instalment was missed: which one, and the balance now due. To the client's AP contact.",
  sample: {
    clientName: 'Acme Corp',
    currency: 'usd',
    missedInstalmentIndex: 1,
    missedDueDate: '2026-08-15',
    missedUnpaidCents: 336_250,
    graceDays: 5,
    outstandingCents: 672_500,
  },
});
