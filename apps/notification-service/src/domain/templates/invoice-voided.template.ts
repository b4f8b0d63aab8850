import { defineEmailTemplate } from './email-template';

export interface InvoiceVoidedNotice {
  readonly clientName: string | null;
  readonly contractTitle: string;
  readonly invoiceNumber: string;
  readonly currency: string;
  readonly totalCents: number;
  readonly reason: string;
}

/** The email telling the client's AP contact an invoice was voided: it no longer stands and must not be paid. */
export const invoiceVoidedTemplate = defineEmailTemplate<InvoiceVoidedNotice>({
  name: 'invoice-voided',
  description: "An invoice was voided: it must not be paid, and why. To the client's AP contact.",
  sample: {
    clientName: 'Acme Corp',
    contractTitle: 'Customer portal rebuild',
    invoiceNumber: 'INV-2026-000042',
    currency: 'usd',
    totalCents: 810_000,
    reason: 'Issued with the wrong purchase-order reference.',
  },
});
