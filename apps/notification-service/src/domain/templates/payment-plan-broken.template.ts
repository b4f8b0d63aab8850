import { formatMoney } from '@mb/money';
import type { EmailContent } from '../delivery/delivery';

export interface PaymentPlanBrokenNotice {
  readonly clientName: string | null;
  readonly currency: string;
  readonly missedInstalmentIndex: number;
  readonly missedDueDate: string;
  readonly missedUnpaidCents: number;
  readonly graceDays: number;
  readonly outstandingCents: number;
}

/** The plan ended because an instalment was not paid within its grace period: what was missed and what is now due. */
export function paymentPlanBrokenEmail(notice: PaymentPlanBrokenNotice): EmailContent {
  const money = (cents: number) => formatMoney(cents, notice.currency);
  const what = notice.missedInstalmentIndex === 0 ? 'The down payment' : `Instalment ${notice.missedInstalmentIndex}`;
  const lines = [
    `Dear ${notice.clientName ?? 'accounts payable team'},`,
    '',
    `${what} of your payment plan, due on ${notice.missedDueDate}, was not received within ${notice.graceDays} days of its due date (${money(notice.missedUnpaidCents)} unpaid).`,
    '',
    `The payment plan has therefore ended, and the remaining balance of ${money(notice.outstandingCents)} is due now. Collection of the overdue invoices resumes.`,
    '',
    'If you have paid in the meantime, thank you, and please ignore this message. If something is holding the payment up, reply and let us know.',
  ];
  return { subject: `Payment plan ended: ${money(notice.outstandingCents)} now due`, text: lines.join('\n') };
}
