import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { formatMoney } from '@mb/money';
import { InvoiceDocumentRenderer } from '../../application/ports/invoice-document.port';
import { balanceOf, type InvoiceSnapshot } from '../../domain/invoice/invoice';

const SELLER = 'Milestone Billing';

/**
 * The invoice as a PDF a person reads: number, dates, parties, contract and PO, the milestone
 * billed, its lines, tax, retainage, total and amount due. Text streams are left uncompressed so
 * the document stays searchable (and testable) as text.
 */
@Injectable()
export class PdfKitInvoiceRenderer extends InvoiceDocumentRenderer {
  render(invoice: InvoiceSnapshot): Promise<Buffer> {
    const money = (cents: number) => formatMoney(cents, invoice.currency);
    const document = new PDFDocument({ size: 'A4', margin: 50, compress: false, info: { Title: `Invoice ${invoice.number}`, Author: SELLER } });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      document.on('data', (chunk: Buffer) => chunks.push(chunk));
      document.on('end', () => resolve(Buffer.concat(chunks)));
      document.on('error', reject);
    });

    document.fontSize(20).text(`Invoice ${invoice.number}`);
    document.moveDown(0.5).fontSize(10);
    document.text(`Issue date: ${invoice.issueDate}`);
    document.text(`Due date: ${invoice.dueDate}`);
    document.moveDown();
    document.text(`From: ${SELLER}`);
    document.text(`Bill to: ${invoice.clientName ?? invoice.clientId} (${invoice.clientId})`);
    document.moveDown();
    document.text(`Contract: ${invoice.contractTitle} (${invoice.contractId})`);
    document.text(`Purchase order: ${invoice.purchaseOrderRef ?? 'none'}`);
    document.text(
      invoice.kind === 'retainage_release'
        ? 'Retainage release: the retainage withheld on the invoices below. No tax is charged: it was charged in full on those invoices.'
        : `Milestone ${invoice.milestoneIndex}: ${invoice.milestoneTitle}`,
    );
    document.moveDown();
    document.fontSize(12).text('Lines');
    document.fontSize(10);
    for (const line of invoice.lines) {
      document.text(`${line.lineNumber}. ${line.description}: ${money(line.amountCents)}`);
      document.text(`   tax ${line.taxRateBps / 100} %: ${money(line.taxCents)}; retainage ${line.retainageBps / 100} %: ${money(line.retainageCents)}`);
    }
    document.moveDown();
    document.text(`Subtotal: ${money(invoice.subtotalCents)}`);
    document.text(`Tax: ${money(invoice.taxCents)}`);
    document.text(`Total: ${money(invoice.totalCents)}`);
    document.text(`Retainage withheld: ${money(invoice.retainageCents)}`);
    if (invoice.amountPaidCents > 0) document.text(`Paid: ${money(invoice.amountPaidCents)}`);
    if (invoice.amountCreditedCents > 0) document.text(`Credited by credit notes: ${money(invoice.amountCreditedCents)}`);
    document.fontSize(12).text(`Amount due: ${money(balanceOf(invoice))}`);
    document.fontSize(10).moveDown().text(`Payment terms: net ${invoice.netDays} days. Please quote ${invoice.number} with your payment.`);
    document.end();
    return done;
  }
}
