import { defineEmailTemplate } from './email-template';

export interface PaymentPlanProposal {
  readonly clientName: string | null;
  readonly currency: string;
  readonly totalCents: number;
  /** In due-date order: the down payment (index 0) first when there is one. */
  readonly instalments: readonly { readonly index: number; readonly kind: 'down_payment' | 'instalment'; readonly dueDate: string; readonly amountCents: number }[];
  readonly invoiceNumbers: readonly string[];
  readonly graceDays: number;
  /** The last day it may be accepted, in the client's calendar: its first payment's due date. */
  readonly acceptBy: string;
  /** The client portal's Collections page, where it is accepted; null where no portal is served (PORTAL_PUBLIC_URL). */
  readonly portalCollectionsUrl: string | null;
}

/**
 * Issue 15: a payment plan finance proposes, to the client's AP contact: the schedule it would
 * agree to, by when to accept it and where. Nothing is held until it is accepted, and the email says so.
 */
export const paymentPlanProposedTemplate = defineEmailTemplate<PaymentPlanProposal>({
  name: 'payment-plan-proposed',
  description: "A payment plan is proposed: the schedule, by when to accept it and where (the client portal). To the client's AP contact.",
  sample: {
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
    acceptBy: '2026-07-20',
    portalCollectionsUrl: 'https://portal.agency.example/collections',
  },
});
