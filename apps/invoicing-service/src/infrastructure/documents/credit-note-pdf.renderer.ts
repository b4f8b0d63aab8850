import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { formatMoney } from '@mb/money';
import { CreditNoteDocumentRenderer } from '../../application/ports/credit-note-document.port';
import type { CreditNoteView } from '../../application/queries/credit-note.view';

// The seller as the invoice PDF names it (invoice-pdf.renderer.ts): one identity on both documents.
const SELLER = 'Milestone Billing';

/**
 * The credit note as a PDF a person reads: its number and date, the invoice it corrects (number and
 * issue date), the parties, the reason, the lines credited with their tax, and what it takes off
 * the invoice's balance. Uncompressed text streams, as the invoice's, so it stays searchable.
 */
@Injectable()
export class PdfKitCreditNoteRenderer extends CreditNoteDocumentRenderer {
  render(creditNote: CreditNoteView): Promise<Buffer> {
    const money = (cents: number) => formatMoney(cents, creditNote.currency);
    const document = new PDFDocument({ size: 'A4', margin: 50, compress: false, info: { Title: `Credit note ${creditNote.number}`, Author: SELLER } });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      document.on('data', (chunk: Buffer) => chunks.push(chunk));
      document.on('end', () => resolve(Buffer.concat(chunks)));
      document.on('error', reject);
    });

    document.fontSize(20).text(`Credit note ${creditNote.number}`);
    document.moveDown(0.5).fontSize(10);
    document.text(`Issue date: ${creditNote.issueDate}`);
    document.text(`Credits invoice ${creditNote.invoiceNumber} of ${creditNote.invoiceIssueDate}`);
    document.moveDown();
    document.text(`From: ${SELLER}`);
    document.text(`To: ${creditNote.clientName ?? creditNote.clientId} (${creditNote.clientId})`);
    document.moveDown();
    document.text(`Contract: ${creditNote.contractTitle} (${creditNote.contractId})`);
    document.text(`Purchase order: ${creditNote.purchaseOrderRef ?? 'none'}`);
    document.text(`Reason: ${creditNote.reason}`);
    document.moveDown();
    document.fontSize(12).text('Lines credited');
    document.fontSize(10);
    for (const line of creditNote.lines) {
      document.text(`${line.lineNumber}. ${line.description} (invoice line ${line.invoiceLineNumber}): ${money(line.amountCents)}`);
      document.text(`   tax ${line.taxRateBps / 100} %: ${money(line.taxCents)}`);
    }
    document.moveDown();
    document.text(`Subtotal credited: ${money(creditNote.subtotalCents)}`);
    document.text(`Tax credited: ${money(creditNote.taxCents)}`);
    document.text(`Total credited: ${money(creditNote.totalCents)}`);
    if (creditNote.retainageCents > 0) document.text(`Retainage no longer withheld: ${money(creditNote.retainageCents)}`);
    document.fontSize(12).text(`Deducted from invoice ${creditNote.invoiceNumber}: ${money(creditNote.amountCreditedCents)}`);
    document.end();
    return done;
  }
}
