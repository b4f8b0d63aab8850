import { defineEmailTemplate } from './email-template';

export interface InvoiceIssuedNotice {
  readonly invoiceId: string;
  readonly clientName: string | null;
  readonly contractTitle: string;
  readonly invoiceNumber: string;
  /** The milestone billed; absent on a retainage release (invoice.issued v2), which bills none. */
  readonly milestoneIndex?: number | undefined;
  readonly milestoneTitle?: string | undefined;
  /** On a retainage release: the invoice numbers whose retainage it bills. */
  readonly releasedInvoiceNumbers?: readonly string[] | undefined;
  readonly currency: string;
  readonly totalCents: number;
  readonly retainageCents: number;
  readonly amountDueCents: number;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly purchaseOrderRef: string | null;
}

/** The email telling the client's AP contact an invoice was issued: what it is for, how much, by when, with the invoice PDF attached. */
export const invoiceIssuedTemplate = defineEmailTemplate<InvoiceIssuedNotice>({
  name: 'invoice-issued',
  description: "An invoice was issued: what it bills, how much, by when; the invoice PDF attached. To the client's AP contact.",
  attachments: (notice) => [{ kind: 'invoice_pdf', id: notice.invoiceId }],
  sample: {
    invoiceId: 'inv_01JNQ8W3Y1A3C5E7G9J1K3M5P7',
    clientName: 'Acme Corp',
    contractTitle: 'Customer portal rebuild',
    invoiceNumber: 'INV-2026-000042',
    milestoneIndex: 2,
    milestoneTitle: 'Midway UI Prototype Sign-off',
    currency: 'usd',
    totalCents: 810_000,
    retainageCents: 37_500,
    amountDueCents: 772_500,
    issueDate: '2026-05-28',
    dueDate: '2026-06-27',
    purchaseOrderRef: 'PO-77812',
  },
});
