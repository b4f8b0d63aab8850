import { defineEmailTemplate } from './email-template';

/** collections.dispute_opened, as the acknowledgement email needs it. */
export interface DisputeAcknowledgement {
  readonly clientName: string | null;
  readonly contractTitle: string | null;
  readonly invoiceNumber: string;
  readonly currency: string;
  /** The part disputed. */
  readonly amountCents: number;
  /** The invoice's open balance when the dispute was opened. */
  readonly invoiceBalanceCents: number;
  readonly wholeInvoice: boolean;
  readonly reason: string;
  /** Who raised it: the client itself, or our finance team on its behalf. */
  readonly openedByClient: boolean;
}

/**
 * Issue 11 "Disputes": tells the client's AP contact its dispute was received, what is on hold and
 * what happens next. Reminders about the disputed invoice stop until it is resolved.
 */
export const disputeAcknowledgedTemplate = defineEmailTemplate<DisputeAcknowledgement>({
  name: 'dispute-acknowledged',
  description: "A dispute was recorded: which invoice, how much, the reason, what is paused and what happens next. To the client's AP contact.",
  sample: {
    clientName: 'Acme Corp',
    contractTitle: 'Customer portal rebuild',
    invoiceNumber: 'INV-2026-000042',
    currency: 'usd',
    amountCents: 150_000,
    invoiceBalanceCents: 772_500,
    wholeInvoice: false,
    reason: 'The prototype review took two days, not the five billed.',
    openedByClient: true,
  },
});
