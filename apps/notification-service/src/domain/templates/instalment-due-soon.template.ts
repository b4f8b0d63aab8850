import { defineEmailTemplate } from './email-template';

export interface InstalmentDueSoonNotice {
  readonly clientName: string | null;
  readonly instalmentIndex: number;
  readonly dueDate: string;
  readonly daysUntilDue: number;
  readonly currency: string;
  readonly amountCents: number;
  readonly amountOutstandingCents: number;
}

/** A reminder a few days before a payment plan instalment is due. */
export const instalmentDueSoonTemplate = defineEmailTemplate<InstalmentDueSoonNotice>({
  name: 'instalment-due-soon',
  description: "A payment plan instalment (or the down payment) is due soon: when, and what is left to pay on it. To the client's AP contact.",
  sample: {
    clientName: 'Acme Corp',
    instalmentIndex: 2,
    dueDate: '2026-09-15',
    daysUntilDue: 3,
    currency: 'usd',
    amountCents: 336_250,
    amountOutstandingCents: 136_250,
  },
});
