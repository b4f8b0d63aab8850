import { formatMoney } from '@mb/money';
import type { EmailContent } from '../delivery/delivery';

export interface PaymentPlanAgreedNotice {
  readonly paymentPlanId: string;
  readonly clientName: string | null;
  readonly currency: string;
  readonly totalCents: number;
  /** In due-date order: the down payment (index 0) first when there is one. */
  readonly instalments: readonly { readonly index: number; readonly kind: 'down_payment' | 'instalment'; readonly dueDate: string; readonly amountCents: number }[];
  readonly invoiceNumbers: readonly string[];
  readonly graceDays: number;
  readonly reminderDaysBefore: number;
}

/** The agreement of a payment plan, to the client's AP contact: the schedule in the text and as a PDF attached. */
export function paymentPlanAgreedEmail(notice: PaymentPlanAgreedNotice): EmailContent {
  const money = (cents: number) => formatMoney(cents, notice.currency);
  const count = notice.instalments.filter((instalment) => instalment.kind === 'instalment').length;
  const lines = [
    `Dear ${notice.clientName ?? 'accounts payable team'},`,
    '',
    `Thank you for agreeing a payment plan for ${money(notice.totalCents)} owed on ${notice.invoiceNumbers.join(', ')}. The schedule is:`,
    '',
    ...notice.instalments.map(
      (instalment) => `  ${instalment.kind === 'down_payment' ? 'Down payment' : `Instalment ${instalment.index}`}: ${money(instalment.amountCents)} due ${instalment.dueDate}`,
    ),
    '',
    `We will remind you ${notice.reminderDaysBefore} days before each payment. While the plan is kept, no further reminders are sent about these invoices.`,
    `A payment not received within ${notice.graceDays} days of its due date ends the plan, and the remaining balance then falls due at once.`,
    '',
    'The schedule is attached as a PDF.',
  ];
  return {
    subject: `Your payment plan: ${money(notice.totalCents)} in ${count} instalments`,
    text: lines.join('\n'),
    attachments: [{ kind: 'payment_plan_pdf', id: notice.paymentPlanId }],
  };
}
