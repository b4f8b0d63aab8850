import type { CreditNoteLine, CreditNoteSnapshot } from '../../domain/credit-note/credit-note';
import type { CreditNoteForEInvoice } from '../../domain/documents/e-invoice';

/**
 * A credit note as the APIs and documents read it: plain data, everything a reader or a document
 * generator (the PDF; the EN 16931 / UBL 2.1 CreditNote, whose BT-25/BT-26 are the invoice number
 * and issue date here) needs, with no behaviour attached.
 */
export type CreditNoteView = CreditNoteSnapshot;
export type CreditNoteLineView = CreditNoteLine;

export function creditNoteViewOf(creditNote: CreditNoteSnapshot): CreditNoteView {
  return creditNote;
}

/**
 * The credit note as the e-invoice model takes it: the lines credited, net, with the VAT credited
 * on each. Retainage released by the credit is not a term of its own on the e-invoice: it is not
 * paid, it only lowers what the invoice withholds, so the UBL's total is the credit note's total.
 */
export function creditNoteForEInvoiceOf(creditNote: CreditNoteView): CreditNoteForEInvoice {
  return {
    number: creditNote.number,
    issueDate: creditNote.issueDate,
    currency: creditNote.currency,
    reason: creditNote.reason,
    invoice: { number: creditNote.invoiceNumber, issueDate: creditNote.invoiceIssueDate, contractId: creditNote.contractId, purchaseOrderRef: creditNote.purchaseOrderRef },
    lines: creditNote.lines.map((line) => ({ description: line.description, netAmountCents: line.amountCents, taxRateBps: line.taxRateBps, taxCents: line.taxCents })),
  };
}
