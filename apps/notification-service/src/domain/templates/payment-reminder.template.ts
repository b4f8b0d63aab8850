import { formatMoney } from '@mb/money';
import type { EmailContent } from '../delivery/delivery';

/** How to pay, as the invoice PDF prints it. */
export interface PaymentInstructions {
  readonly accountName: string;
  readonly bankAccount: string;
  readonly bankBic: string | null;
  readonly paymentReference: string;
}

/** Everything a payment reminder says (invoice.payment_reminder_due). */
export interface PaymentReminderNotice {
  readonly invoiceId: string;
  readonly clientName: string | null;
  readonly contractTitle: string | null;
  readonly invoiceNumber: string;
  readonly reminderKind: 'before_due' | 'on_due' | 'after_due';
  readonly currency: string;
  readonly amountDueCents: number;
  readonly dueDate: string;
  readonly daysUntilDue: number;
  readonly daysPastDue: number;
  readonly paymentInstructions: PaymentInstructions;
}

const days = (count: number) => (count === 1 ? '1 day' : `${count} days`);

/**
 * A payment reminder for one invoice, to the client's AP contact, with the invoice PDF attached.
 * The tone follows the kind: a courtesy note before the due date, a plain "due today" on it, and a
 * firmer but still polite note after it (the dunning letters of a collections case come later, from
 * collections-service).
 */
export function paymentReminderEmail(notice: PaymentReminderNotice): EmailContent {
  const amountDue = formatMoney(notice.amountDueCents, notice.currency);
  const project = notice.contractTitle ? ` for "${notice.contractTitle}"` : '';
  const opening = {
    before_due: `A courtesy reminder that invoice ${notice.invoiceNumber}${project} falls due on ${notice.dueDate}, in ${days(notice.daysUntilDue)}.`,
    on_due: `Invoice ${notice.invoiceNumber}${project} is due today, ${notice.dueDate}.`,
    after_due: `Invoice ${notice.invoiceNumber}${project} was due on ${notice.dueDate} and is now ${days(notice.daysPastDue)} overdue. We have not yet received payment.`,
  }[notice.reminderKind];
  const closing = {
    before_due: 'If payment is already on its way, thank you, and please ignore this message.',
    on_due: 'If you have already paid, thank you, and please ignore this message.',
    after_due: 'Please arrange payment as soon as possible. If you have already paid, thank you; if something is holding the payment up, reply and let us know.',
  }[notice.reminderKind];
  const subject = {
    before_due: `Reminder: invoice ${notice.invoiceNumber} (${amountDue}) is due on ${notice.dueDate}`,
    on_due: `Invoice ${notice.invoiceNumber} (${amountDue}) is due today`,
    after_due: `Overdue: invoice ${notice.invoiceNumber} (${amountDue}) is ${days(notice.daysPastDue)} late`,
  }[notice.reminderKind];
  const instructions = notice.paymentInstructions;
  const lines = [
    `Dear ${notice.clientName ?? 'accounts payable team'},`,
    '',
    opening,
    '',
    `Amount due:     ${amountDue}`,
    `Due date:       ${notice.dueDate}`,
    ...(notice.reminderKind === 'after_due' ? [`Days late:      ${notice.daysPastDue}`] : notice.reminderKind === 'before_due' ? [`Days left:      ${notice.daysUntilDue}`] : []),
    '',
    'How to pay: by bank transfer to',
    `  Account name: ${instructions.accountName}`,
    `  Account:      ${instructions.bankAccount}`,
    ...(instructions.bankBic ? [`  BIC:          ${instructions.bankBic}`] : []),
    `  Reference:    ${instructions.paymentReference}`,
    '',
    `The invoice is attached as a PDF (${notice.invoiceNumber}.pdf).`,
    '',
    closing,
  ];
  return { subject, text: lines.join('\n'), attachments: [{ kind: 'invoice_pdf', id: notice.invoiceId }] };
}
