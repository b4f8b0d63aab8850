import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { formatMoney } from '@mb/money';
import { type CreditNoteDocumentContext, CreditNoteDocumentRenderer } from '../../application/ports/credit-note-document.port';
import type { CreditNoteView } from '../../application/queries/credit-note.view';
import { addressLinesOf } from '../../domain/documents/seller-identity';

/**
 * The credit note as a PDF a person reads: its number and date, the invoice it corrects (number and
 * issue date), the parties (the configured seller and the buyer, as the invoice's PDF names them), the reason, the lines credited with their tax, and what it takes off
 * the invoice's balance. Uncompressed text streams, as the invoice's, so it stays searchable.
 */
@Injectable()
export class PdfKitCreditNoteRenderer extends CreditNoteDocumentRenderer {
  render(creditNote: CreditNoteView, { seller, buyer }: CreditNoteDocumentContext): Promise<Buffer> {
    const money = (cents: number) => formatMoney(cents, creditNote.currency);
    const document = new PDFDocument({ size: 'A4', margin: 50, compress: false, info: { Title: `Credit note ${creditNote.number}`, Author: seller.legalName } });
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
    document.text(`From: ${seller.legalName}`);
    for (const line of addressLinesOf(seller.address)) document.text(`      ${line}`);
    document.text(`      VAT ID: ${seller.vatId}`);
    document.moveDown(0.5);
    document.text(`To: ${creditNote.clientName ?? creditNote.clientId} (${creditNote.clientId})`);
    for (const line of addressLinesOf(buyer.address)) document.text(`      ${line}`);
    if (buyer.vatId) document.text(`      VAT ID: ${buyer.vatId}`);
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
