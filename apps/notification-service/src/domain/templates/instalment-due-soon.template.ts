import { formatMoney } from '@mb/money';
import type { EmailContent } from '../delivery/delivery';

export interface InstalmentDueSoonNotice {
  readonly clientName: string | null;
  readonly instalmentIndex: number;
  readonly dueDate: string;
  readonly daysUntilDue: number;
  readonly currency: string;
  readonly amountCents: number;
  readonly amountOutstandingCents: number;
}

/** A reminder a few days before a payment plan instalment is due. */
export function instalmentDueSoonEmail(notice: InstalmentDueSoonNotice): EmailContent {
  const what = notice.instalmentIndex === 0 ? 'the down payment' : `instalment ${notice.instalmentIndex}`;
  const outstanding = formatMoney(notice.amountOutstandingCents, notice.currency);
  const when = notice.daysUntilDue === 0 ? 'today' : notice.daysUntilDue === 1 ? 'tomorrow' : `in ${notice.daysUntilDue} days`;
  const lines = [
    `Dear ${notice.clientName ?? 'accounts payable team'},`,
    '',
    `A reminder that ${what} of your payment plan is due ${when}, on ${notice.dueDate}.`,
    '',
    `Amount due: ${outstanding}${notice.amountOutstandingCents < notice.amountCents ? ` (of ${formatMoney(notice.amountCents, notice.currency)}; the rest is paid)` : ''}`,
    '',
    'If you have already paid, thank you, and please ignore this message.',
  ];
  return { subject: `Payment plan: ${outstanding} due ${notice.dueDate}`, text: lines.join('\n') };
}
