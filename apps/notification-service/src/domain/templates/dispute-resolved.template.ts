import { defineEmailTemplate } from './email-template';

/** collections.dispute_resolved, as the decision email needs it. */
export interface DisputeDecision {
  readonly clientName: string | null;
  readonly contractTitle: string | null;
  readonly invoiceNumber: string;
  readonly currency: string;
  /** The amount that was disputed. */
  readonly amountCents: number;
  readonly outcome: 'upheld' | 'rejected';
  /** Finance's note: for a rejection, the reason given to the client. */
  readonly note: string;
  /** Upheld: what is credited; rejected: null. */
  readonly creditAmountCents: number | null;
}

/**
 * Issue 11 "Disputes": tells the client's AP contact how its dispute was decided. Upheld: a credit
 * note follows (it comes in its own email, with its PDF). Rejected: why, and that the invoice is due again.
 */
export const disputeResolvedTemplate = defineEmailTemplate<DisputeDecision>({
  name: 'dispute-resolved',
  description: "A dispute was decided: upheld (a credit note follows) or not (why, and the invoice is due again). To the client's AP contact.",
  sample: {
    clientName: 'Acme Corp',
    contractTitle: 'Customer portal rebuild',
    invoiceNumber: 'INV-2026-000042',
    currency: 'usd',
    amountCents: 150_000,
    outcome: 'upheld',
    note: 'Timesheets confirm two days of review, not five.',
    creditAmountCents: 100_000,
  },
});
