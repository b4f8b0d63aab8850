import { formatMoney } from '@mb/money';
import type { EmailContent } from '../delivery/delivery';

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
export function disputeResolvedEmail(decision: DisputeDecision): EmailContent {
  const money = (cents: number) => formatMoney(cents, decision.currency);
  const project = decision.contractTitle ? ` for "${decision.contractTitle}"` : '';
  const greeting = [`Dear ${decision.clientName ?? 'accounts payable team'},`, ''];
  if (decision.outcome === 'upheld') {
    const credit = money(decision.creditAmountCents ?? decision.amountCents);
    return {
      subject: `Your dispute of invoice ${decision.invoiceNumber} was upheld: ${credit} credited`,
      text: [
        ...greeting,
        `We have reviewed your dispute of ${money(decision.amountCents)} on invoice ${decision.invoiceNumber}${project} and agree with you.`,
        '',
        decision.note,
        '',
        `A credit note for ${credit} follows in a separate email, with its PDF; it reduces what is owed on the invoice.`,
        'Anything left on the invoice after the credit remains payable as invoiced.',
      ].join('\n'),
    };
  }
  return {
    subject: `Your dispute of invoice ${decision.invoiceNumber} was not upheld: the invoice is due again`,
    text: [
      ...greeting,
      `We have reviewed your dispute of ${money(decision.amountCents)} on invoice ${decision.invoiceNumber}${project} and cannot uphold it.`,
      '',
      'Reason:',
      decision.note,
      '',
      'The invoice is due again as issued, and payment reminders for it resume. If you have new information, reply to this email.',
    ].join('\n'),
  };
}
