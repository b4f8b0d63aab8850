import { formatMoney } from '@mb/money';
import type { EmailContent } from '../delivery/delivery';

/** An invoice passed to the agency, with what is still owed on it. */
export interface HandedOffInvoiceLine {
  readonly invoiceNumber: string;
  readonly currency: string;
  readonly balanceCents: number;
}

/** What the hand-off notice needs: who, to which agency, and what is owed (per currency, never added across). */
export interface HandOffNotice {
  readonly clientName: string | null;
  readonly agency: string;
  /** YYYY-MM-DD, the day of the hand-off. */
  readonly handedOffOn: string;
  readonly balances: readonly { readonly currency: string; readonly balanceCents: number }[];
  readonly invoices: readonly HandedOffInvoiceLine[];
}

/**
 * The notice sent when a case is handed to a collection agency: plain and factual, since it is the
 * last letter from us about the debt; it says who will be in touch and what is owed, per currency.
 */
export function collectionsHandedOffEmail(notice: HandOffNotice): EmailContent {
  const owed = notice.balances.map((balance) => formatMoney(balance.balanceCents, balance.currency)).join(' and ');
  const lines = [
    `Dear ${notice.clientName ?? 'accounts payable team'},`,
    '',
    `Despite our earlier reminders, the invoices below remain unpaid. As of ${notice.handedOffOn} we have passed their collection to ${notice.agency}, who will contact you about payment.`,
    '',
    ...notice.invoices.map((invoice) => `- Invoice ${invoice.invoiceNumber}: ${formatMoney(invoice.balanceCents, invoice.currency)} outstanding`),
    '',
    `Total outstanding: ${owed}`,
    '',
    `Please deal with ${notice.agency} from now on. If you believe this is in error, or have already paid, reply to this message with the details straight away.`,
  ];
  return {
    subject: `Notice: your overdue balance (${owed}) has been passed to ${notice.agency}`,
    text: lines.join('\n'),
  };
}
