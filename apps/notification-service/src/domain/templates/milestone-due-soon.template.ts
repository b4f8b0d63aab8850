import { formatMoney } from '@mb/money';
import type { EmailContent } from '../delivery/delivery';

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
export function advanceNoticeEmail(notice: AdvanceNotice): EmailContent {
  const amount = formatMoney(notice.amountCents, notice.currency);
  const when = notice.daysUntilDue === 0 ? 'today' : notice.daysUntilDue === 1 ? 'in 1 day' : `in ${notice.daysUntilDue} days`;
  const lines = [
    `Dear ${notice.clientName ?? 'accounts payable team'},`,
    '',
    `This is advance notice of an invoice coming up for the project "${notice.contractTitle}".`,
    '',
    `Milestone:              ${notice.milestoneIndex}. ${notice.milestoneTitle}`,
    `Planned date:           ${notice.plannedDate} (${when})`,
    `Expected amount:        ${amount} (before any tax and retainage under the contract)`,
    `Expected invoice date:  ${notice.expectedInvoiceDate}`,
    ...(notice.expectedDueDate
      ? [`Expected due date:      ${notice.expectedDueDate}${notice.netDays === null ? '' : ` (net ${notice.netDays} days)`}`]
      : []),
    '',
    'Nothing is due yet: this notice is for planning the payment. The invoice itself follows once the milestone is completed and accepted.',
  ];
  return {
    subject: `Advance notice: ${notice.contractTitle}, milestone ${notice.milestoneIndex} (${amount}) expected to be invoiced ${notice.expectedInvoiceDate}`,
    text: lines.join('\n'),
  };
}
