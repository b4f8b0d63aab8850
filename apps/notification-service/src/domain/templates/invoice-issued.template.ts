import { formatMoney } from '@mb/money';
import type { EmailContent } from '../delivery/delivery';

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
export function invoiceIssuedEmail(notice: InvoiceIssuedNotice): EmailContent {
  const amountDue = formatMoney(notice.amountDueCents, notice.currency);
  const lines = [
    `Dear ${notice.clientName ?? 'accounts payable team'},`,
    '',
    `Invoice ${notice.invoiceNumber} has been issued for the project "${notice.contractTitle}".`,
    '',
    ...(notice.milestoneIndex !== undefined ? [`Milestone:      ${notice.milestoneIndex}. ${notice.milestoneTitle ?? ''}`] : []),
    ...(notice.releasedInvoiceNumbers?.length ? [`Retainage released from: ${notice.releasedInvoiceNumbers.join(', ')}`] : []),
    `Invoice total:  ${formatMoney(notice.totalCents, notice.currency)}`,
    ...(notice.retainageCents > 0 ? [`Retainage held: ${formatMoney(notice.retainageCents, notice.currency)}`] : []),
    `Amount due:     ${amountDue}`,
    `Issue date:     ${notice.issueDate}`,
    `Due date:       ${notice.dueDate}`,
    ...(notice.purchaseOrderRef ? [`Purchase order: ${notice.purchaseOrderRef}`] : []),
    '',
    `Please arrange payment of ${amountDue} by ${notice.dueDate}, quoting ${notice.invoiceNumber}.`,
    `The invoice is attached as a PDF (${notice.invoiceNumber}.pdf).`,
  ];
  return {
    subject: `Invoice ${notice.invoiceNumber} for ${notice.contractTitle}: ${amountDue} due ${notice.dueDate}`,
    text: lines.join('\n'),
    attachments: [{ kind: 'invoice_pdf', id: notice.invoiceId }],
  };
}
