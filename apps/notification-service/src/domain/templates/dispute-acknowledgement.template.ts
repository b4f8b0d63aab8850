import { formatMoney } from '@mb/money';
import type { EmailContent } from '../delivery/delivery';

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
export function disputeAcknowledgementEmail(notice: DisputeAcknowledgement): EmailContent {
  const money = (cents: number) => formatMoney(cents, notice.currency);
  const project = notice.contractTitle ? ` for "${notice.contractTitle}"` : '';
  const what = notice.wholeInvoice
    ? `the whole open balance of invoice ${notice.invoiceNumber}${project} (${money(notice.amountCents)})`
    : `${money(notice.amountCents)} of invoice ${notice.invoiceNumber}${project} (open balance ${money(notice.invoiceBalanceCents)})`;
  const lines = [
    `Dear ${notice.clientName ?? 'accounts payable team'},`,
    '',
    notice.openedByClient ? `We have received your dispute of ${what}.` : `As agreed with you, our finance team has recorded a dispute of ${what} on your behalf.`,
    '',
    'Reason given:',
    notice.reason,
    '',
    'What happens next:',
    '- We will not send payment reminders for this invoice while the dispute is open.',
    '- Our finance team reviews the dispute and writes to you with the decision.',
    '- If the dispute is upheld, a credit note for the agreed amount follows; if not, we will explain why and the invoice is due again.',
    ...(notice.wholeInvoice ? [] : ['', `The undisputed part (${money(notice.invoiceBalanceCents - notice.amountCents)}) remains payable as invoiced.`]),
  ];
  return {
    subject: `We received your dispute of invoice ${notice.invoiceNumber} (${money(notice.amountCents)})`,
    text: lines.join('\n'),
  };
}
