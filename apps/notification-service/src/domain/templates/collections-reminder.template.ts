import { formatMoney } from '@mb/money';
import type { EmailContent } from '../delivery/delivery';

export interface CollectionsReminder {
  readonly clientName: string | null;
  readonly contractTitle: string | null;
  readonly invoiceNumber: string;
  readonly currency: string;
  readonly amountDueCents: number;
  readonly dueDate: string;
  readonly daysOverdue: number;
  /** The dunning step, e.g. friendly_reminder; the tone follows it. */
  readonly stage: string;
}

/** The reminder sent when a collections case opens for an overdue invoice: polite, keeping the relationship. */
export function collectionsReminderEmail(reminder: CollectionsReminder): EmailContent {
  const amountDue = formatMoney(reminder.amountDueCents, reminder.currency);
  const days = reminder.daysOverdue === 1 ? '1 day' : `${reminder.daysOverdue} days`;
  const project = reminder.contractTitle ? ` for "${reminder.contractTitle}"` : '';
  const lines = [
    `Dear ${reminder.clientName ?? 'accounts payable team'},`,
    '',
    reminder.stage === 'friendly_reminder'
      ? `This is a friendly reminder that invoice ${reminder.invoiceNumber}${project} was due on ${reminder.dueDate} and is now ${days} overdue.`
      : `Invoice ${reminder.invoiceNumber}${project} was due on ${reminder.dueDate} and is now ${days} overdue.`,
    '',
    `Amount outstanding: ${amountDue}`,
    '',
    'If you have already paid, thank you, and please ignore this message. If something is holding the payment up, reply and let us know.',
  ];
  return {
    subject: `Reminder: invoice ${reminder.invoiceNumber} is ${days} overdue (${amountDue})`,
    text: lines.join('\n'),
  };
}
