import { defineEmailTemplate } from './email-template';

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
export const creditNoteIssuedTemplate = defineEmailTemplate<CreditNoteIssuedNotice>({
  name: 'credit-note-issued',
  description: "A credit note was issued against an invoice: why, how much, what is still due; the credit note PDF attached. To the client's AP contact.",
  attachments: (notice) => [{ kind: 'credit_note_pdf', id: notice.creditNoteId }],
  sample: {
    clientName: 'Acme Corp',
    contractTitle: 'Customer portal rebuild',
    creditNoteId: 'cn_01JNQ8W3Y1A3C5E7G9J1K3M5P7',
    creditNoteNumber: 'CN-2026-000003',
    invoiceNumber: 'INV-2026-000042',
    currency: 'usd',
    subtotalCents: 50_000,
    taxCents: 4_000,
    totalCents: 54_000,
    amountCreditedCents: 51_500,
    issueDate: '2026-06-05',
    reason: 'Two prototype screens descoped by agreement.',
    invoiceAmountDueCents: 721_000,
    invoiceStatus: 'open',
  },
});
