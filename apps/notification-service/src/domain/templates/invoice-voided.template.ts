import { formatMoney } from '@mb/money';
import type { EmailContent } from '../delivery/delivery';

export interface InvoiceVoidedNotice {
  readonly clientName: string | null;
  readonly contractTitle: string;
  readonly invoiceNumber: string;
  readonly currency: string;
  readonly totalCents: number;
  readonly reason: string;
}

/** The email telling the client's AP contact an invoice was voided: it no longer stands and must not be paid. */
export function invoiceVoidedEmail(notice: InvoiceVoidedNotice): EmailContent {
  const lines = [
    `Dear ${notice.clientName ?? 'accounts payable team'},`,
    '',
    `Invoice ${notice.invoiceNumber} (${formatMoney(notice.totalCents, notice.currency)}) for the project "${notice.contractTitle}" has been voided.`,
    '',
    `Reason: ${notice.reason}`,
    '',
    'Nothing is due on it: please do not pay it, and remove it from your payables if it was entered. Its number will not be reused.',
  ];
  return {
    subject: `Invoice ${notice.invoiceNumber} for ${notice.contractTitle} has been voided: do not pay`,
    text: lines.join('\n'),
  };
}
