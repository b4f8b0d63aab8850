import { formatMoney } from '@mb/money';
import type { EmailContent } from '../delivery/delivery';

/** One invoice a dunning letter chases. */
export interface DunningLetterInvoice {
  readonly invoiceNumber: string;
  readonly currency: string;
  readonly amountDueCents: number;
  readonly dueDate: string;
  readonly daysLate: number;
}

/** What a dunning stage's letter says (collections.stage_changed version 2). */
export interface DunningLetter {
  readonly clientName: string | null;
  /** The letter's tone: friendly, firm, final, handoff (anything else is written as firm). */
  readonly template: string;
  /** The stage reached, e.g. firm_notice. */
  readonly stage: string;
  /** Why it was reached: the ladder, or a broken promise or payment plan. */
  readonly cause: string;
  /** What is owed per currency, never added across currencies. */
  readonly balances: readonly { readonly currency: string; readonly balanceCents: number }[];
  readonly invoices: readonly DunningLetterInvoice[];
}

const OPENINGS: Readonly<Record<string, (invoices: string) => string>> = {
  friendly: (invoices) => `This is a friendly reminder that ${invoices} past due.`,
  firm: (invoices) => `Our records show that ${invoices} still unpaid. Please arrange payment now.`,
  final: (invoices) =>
    `This is our final notice: ${invoices} seriously overdue. Unless payment is received within 7 days we will take further steps to recover the amount.`,
  handoff: (invoices) =>
    `Despite our earlier reminders, ${invoices} unpaid. We are preparing to pass this account to a collection agency. To avoid this, pay the outstanding balance or contact us now.`,
};

const SUBJECTS: Readonly<Record<string, string>> = {
  friendly: 'Friendly reminder',
  firm: 'Payment overdue',
  final: 'Final notice',
  handoff: 'Notice before collection agency referral',
};

/** The letter of a dunning stage to the client's accounts-payable contact, in the stage's tone. */
export function dunningLetterEmail(letter: DunningLetter): EmailContent {
  const tone = OPENINGS[letter.template] ? letter.template : 'firm';
  const single = letter.invoices.length === 1;
  const invoiceWords = single ? `invoice ${letter.invoices[0].invoiceNumber} is` : `the following ${letter.invoices.length} invoices are`;
  const owed = letter.balances.map((balance) => formatMoney(balance.balanceCents, balance.currency)).join(' and ');
  const lines = [
    `Dear ${letter.clientName ?? 'accounts payable team'},`,
    '',
    OPENINGS[tone](invoiceWords),
  ];
  if (letter.cause === 'broken_promise') lines.push('', 'The payment you promised did not arrive by the agreed date.');
  if (letter.cause === 'broken_payment_plan') lines.push('', 'An instalment of the agreed payment plan was missed, so the plan no longer holds.');
  lines.push('');
  for (const invoice of letter.invoices) {
    const days = invoice.daysLate === 1 ? '1 day' : `${invoice.daysLate} days`;
    lines.push(`- Invoice ${invoice.invoiceNumber}: ${formatMoney(invoice.amountDueCents, invoice.currency)} due ${invoice.dueDate} (${days} late)`);
  }
  lines.push('', `Total outstanding: ${owed}`, '', 'To pay, use the bank details on the invoice and quote its number. If you have already paid, thank you, and please ignore this message; if something is holding the payment up, reply and let us know.');
  return { subject: `${SUBJECTS[tone]}: ${owed} overdue`, text: lines.join('\n') };
}

/** The confirmation of a promise to pay (collections.promise_recorded). */
export interface PromiseConfirmation {
  readonly clientName: string | null;
  readonly promisedDate: string;
  readonly currency: string;
  readonly amountCents: number;
}

/** Confirms a promise to pay to the client's accounts-payable contact. */
export function promiseConfirmationEmail(promise: PromiseConfirmation): EmailContent {
  const amount = formatMoney(promise.amountCents, promise.currency);
  const lines = [
    `Dear ${promise.clientName ?? 'accounts payable team'},`,
    '',
    `Thank you for your promise to pay ${amount} by ${promise.promisedDate}. We will not send further reminders until then.`,
    '',
    'If the payment has not reached us by the end of that day, our reminders resume.',
  ];
  return { subject: `Promise to pay confirmed: ${amount} by ${promise.promisedDate}`, text: lines.join('\n') };
}
