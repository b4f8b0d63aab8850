import { defineEmailTemplate } from './email-template';

export interface AdvanceNotice {
  readonly clientName: string | null;
  readonly contractTitle: string;
  readonly milestoneIndex: number;
  readonly milestoneTitle: string;
  readonly currency: string;
  /** The milestone's amount, before the tax and retainage the invoice applies. */
  readonly amountCents: number;
  readonly plannedDate: string;
  readonly daysUntilDue: number;
  readonly expectedInvoiceDate: string;
  /** Null when the contract's payment terms were not known to the announcement. */
  readonly expectedDueDate: string | null;
  readonly netDays: number | null;
}

/**
 * Issue 9 "Advance notices": the email telling the client's AP contact an invoice is coming, so the
 * payment can be planned: which contract and milestone, how much, when it is expected to be
 * invoiced, and when it will fall due under the contract's terms.
 */
export const advanceNoticeTemplate = defineEmailTemplate<AdvanceNotice>({
  name: 'advance-notice',
  description: "A milestone's invoice is coming (milestone.due_soon): how much, when it is expected to be invoiced and to fall due. To the client's AP contact.",
  sample: {
    clientName: 'Acme Corp',
    contractTitle: 'Customer portal rebuild',
    milestoneIndex: 2,
    milestoneTitle: 'Midway UI Prototype Sign-off',
    currency: 'usd',
    amountCents: 750_000,
    plannedDate: '2026-05-25',
    daysUntilDue: 7,
    expectedInvoiceDate: '2026-05-25',
    expectedDueDate: '2026-06-24',
    netDays: 30,
  },
});
