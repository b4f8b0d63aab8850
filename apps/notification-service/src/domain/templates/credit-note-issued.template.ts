import { formatMoney } from '@mb/money';
import type { EmailContent } from '../delivery/delivery';

export interface CreditNoteIssuedNotice {
  readonly clientName: string | null;
  readonly contractTitle: string;
  /** The credit note's id: its PDF is attached by reference (fetched from invoicing when sent). */
  readonly creditNoteId: string;
  readonly creditNoteNumber: string;
  readonly invoiceNumber: string;
  readonly currency: string;
  readonly subtotalCents: number;
  readonly taxCents: number;
  readonly totalCents: number;
  /** What it takes off the invoice's balance (total − retainage no longer held). */
  readonly amountCreditedCents: number;
  readonly issueDate: string;
  readonly reason: string;
  /** What is still owed on the invoice after it. */
  readonly invoiceAmountDueCents: number;
  /** The invoice after it: open, paid, or credited (cancelled in full). */
  readonly invoiceStatus: 'open' | 'paid' | 'credited';
}

/**
 * The email telling the client's AP contact a credit note was issued: which invoice it corrects, by
 * how much and why, and what is left to pay. The credit note's PDF travels with it as an attachment.
 */
export function creditNoteIssuedEmail(notice: CreditNoteIssuedNotice): EmailContent {
  const money = (cents: number) => formatMoney(cents, notice.currency);
  const standing =
    notice.invoiceStatus === 'open'
      ? `Amount still due on invoice ${notice.invoiceNumber}: ${money(notice.invoiceAmountDueCents)}.`
      : notice.invoiceStatus === 'credited'
        ? `Invoice ${notice.invoiceNumber} is now cancelled in full: nothing is due on it.`
        : `Invoice ${notice.invoiceNumber} is now settled: nothing more is due on it.`;
  const lines = [
    `Dear ${notice.clientName ?? 'accounts payable team'},`,
    '',
    `Credit note ${notice.creditNoteNumber} has been issued against invoice ${notice.invoiceNumber} for the project "${notice.contractTitle}".`,
    '',
    `Reason:            ${notice.reason}`,
    `Issue date:        ${notice.issueDate}`,
    `Credited (net):    ${money(notice.subtotalCents)}`,
    `Tax credited:      ${money(notice.taxCents)}`,
    `Credit note total: ${money(notice.totalCents)}`,
    ...(notice.amountCreditedCents !== notice.totalCents ? [`Deducted from the invoice: ${money(notice.amountCreditedCents)}`] : []),
    '',
    standing,
    '',
    `The credit note is attached as a PDF (${notice.creditNoteNumber}.pdf). Please quote ${notice.creditNoteNumber} in your records.`,
  ];
  return {
    subject: `Credit note ${notice.creditNoteNumber} for invoice ${notice.invoiceNumber} (${notice.contractTitle}): ${money(notice.totalCents)}`,
    text: lines.join('\n'),
    attachments: [{ kind: 'credit_note_pdf', id: notice.creditNoteId }],
  };
}
