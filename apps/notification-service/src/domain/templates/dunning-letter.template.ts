import { defineEmailTemplate } from './email-template';

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

/** The letter of a dunning stage to the client's accounts-payable contact, in the stage's tone (the files choose the words by `template`). */
export const dunningLetterTemplate = defineEmailTemplate<DunningLetter>({
  name: 'dunning-letter',
  description: "A collections case reached a dunning stage: the chased invoices and the balance per currency, in the stage's tone (friendly, firm, final, handoff). To the client's AP contact.",
  sample: {
    clientName: 'Acme Corp',
    template: 'firm',
    stage: 'firm_notice',
    cause: 'broken_promise',
    balances: [
      { currency: 'eur', balanceCents: 200_000 },
      { currency: 'usd', balanceCents: 772_500 },
    ],
    invoices: [
      { invoiceNumber: 'INV-2026-000042', currency: 'usd', amountDueCents: 772_500, dueDate: '2026-06-27', daysLate: 15 },
      { invoiceNumber: 'INV-2026-000051', currency: 'eur', amountDueCents: 200_000, dueDate: '2026-07-01', daysLate: 11 },
    ],
  },
});

/** The confirmation of a promise to pay (collections.promise_recorded). */
export interface PromiseConfirmation {
  readonly clientName: string | null;
  readonly promisedDate: string;
  readonly currency: string;
  readonly amountCents: number;
}

/** Confirms a promise to pay to the client's accounts-payable contact. */
export const promiseConfirmationTemplate = defineEmailTemplate<PromiseConfirmation>({
  name: 'promise-confirmation',
  description: "A promise to pay was recorded: how much, by when, and that reminders pause until then. To the client's AP contact.",
  sample: {
    clientName: 'Acme Corp',
    promisedDate: '2026-08-01',
    currency: 'usd',
    amountCents: 672_500,
  },
});
