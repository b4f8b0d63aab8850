import { defineEmailTemplate } from './email-template';

/** One line of the change: a milestone added, removed or changed, with its amount before and after. */
export interface ChangeOrderLine {
  readonly milestoneIndex: number;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly title: string;
  /** The amount before; null when the milestone is added. */
  readonly amountBeforeCents: number | null;
  /** The amount after; null when the milestone is removed. */
  readonly amountAfterCents: number | null;
  /** The planned date after the change (or before, for a removed one); null when none. */
  readonly plannedDate: string | null;
}

export interface ChangeOrderProposal {
  readonly clientName: string | null;
  readonly contractTitle: string;
  readonly reason: string;
  readonly currency: string;
  readonly previousTotalCents: number;
  readonly totalCents: number;
  readonly previousNetDays: number;
  readonly netDays: number;
  readonly changes: readonly ChangeOrderLine[];
  /** The last calendar day to answer on, in the client's time zone. */
  readonly lastDayToRespond: string;
  readonly approveUrl: string;
  readonly rejectUrl: string;
}

/** The API calls that answer a change order, under the configured base URL. */
export function changeOrderLinks(baseUrl: string, changeOrderId: string): { approveUrl: string; rejectUrl: string } {
  const changeOrder = `${baseUrl.replace(/\/+$/, '')}/v1/change-orders/${encodeURIComponent(changeOrderId)}`;
  return { approveUrl: `${changeOrder}/approve`, rejectUrl: `${changeOrder}/reject` };
}

/**
 * Issue 14 "Change orders": the supplier proposes changing the contract's schedule. Like the
 * approval request, to the client's approver: what changes (each milestone with its amount before
 * and after), the totals, why, by when to answer, and how; unanswered, it expires and nothing changes.
 */
export const changeOrderProposedTemplate = defineEmailTemplate<ChangeOrderProposal>({
  name: 'change-order-proposed',
  description: "A change to the contract's payment schedule awaits approval: what changes, the totals, by when to answer, how. To the client's approver.",
  sample: {
    clientName: 'Acme Corp',
    contractTitle: 'Customer portal rebuild',
    reason: 'Single sign-on added to the scope',
    currency: 'usd',
    previousTotalCents: 3_000_000,
    totalCents: 3_250_000,
    previousNetDays: 15,
    netDays: 15,
    changes: [
      { milestoneIndex: 3, kind: 'changed', title: 'User Acceptance Testing', amountBeforeCents: 750_000, amountAfterCents: 800_000, plannedDate: '2026-08-14' },
      { milestoneIndex: 5, kind: 'added', title: 'Single sign-on', amountBeforeCents: null, amountAfterCents: 200_000, plannedDate: '2026-09-15' },
    ],
    lastDayToRespond: '2026-06-15',
    ...changeOrderLinks('https://billing.agency.example/', 'chg_01JRV2C7E5T9Q4M8N6P3K1H0GZ'),
  },
});
