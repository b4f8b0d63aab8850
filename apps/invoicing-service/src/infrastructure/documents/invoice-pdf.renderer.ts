import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { formatMoney } from '@mb/money';
import { calendarDateIn } from '@mb/kernel';
import { type InvoiceDocumentContext, InvoiceDocumentRenderer } from '../../application/ports/invoice-document.port';
import { paymentInstructionsOf } from '../../domain/documents/payment-instructions';
import { addressLinesOf } from '../../domain/documents/seller-identity';
import { balanceOf, type InvoiceSnapshot } from '../../domain/invoice/invoice';

/**
 * The invoice as a PDF an accounts-payable team can pay from: the seller (legal name, address, VAT
 * id), the buyer, number and dates, contract and PO, the milestone billed, its lines, tax,
 * retainage, total and amount due, the terms and the payment instructions with the reference to
 * quote. Text streams are left uncompressed so the document stays searchable (and testable) as text.
 */
@Injectable()
export class PdfKitInvoiceRenderer extends InvoiceDocumentRenderer {
  render(invoice: InvoiceSnapshot, { seller, buyer, acceptance }: InvoiceDocumentContext): Promise<Buffer> {
    const money = (cents: number) => formatMoney(cents, invoice.currency);
    const document = new PDFDocument({ size: 'A4', margin: 50, compress: false, info: { Title: `Invoice ${invoice.number}`, Author: seller.legalName } });
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
    document.text(`From: ${seller.legalName}`);
    for (const line of addressLinesOf(seller.address)) document.text(`      ${line}`);
    document.text(`      VAT ID: ${seller.vatId}`);
    document.moveDown(0.5);
    document.text(`Bill to: ${invoice.clientName ?? invoice.clientId} (${invoice.clientId})`);
    for (const line of addressLinesOf(buyer.address)) document.text(`      ${line}`);
    if (buyer.vatId) document.text(`      VAT ID: ${buyer.vatId}`);
    document.moveDown();
    document.text(`Contract: ${invoice.contractTitle} (${invoice.contractId})`);
    document.text(`Purchase order: ${invoice.purchaseOrderRef ?? 'none'}`);
    document.text(
      invoice.kind === 'retainage_release'
        ? 'Retainage release: the retainage withheld on the invoices below. No tax is charged: it was charged in full on those invoices.'
        : `Milestone ${invoice.milestoneIndex}: ${invoice.milestoneTitle}`,
    );
    if (invoice.kind !== 'retainage_release' && acceptance?.acceptedAt) {
      const on = calendarDateIn(new Date(acceptance.acceptedAt), invoice.clientTimeZone);
      document.text(`Accepted: ${on}${acceptance.deemedAccepted ? ' (deemed accepted: the approval window closed without an answer)' : ' (approved by the client)'}`);
    }
    if (invoice.kind !== 'retainage_release' && acceptance?.evidenceUrl) document.text(`Acceptance evidence: ${acceptance.evidenceUrl}`);
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
    document.fontSize(10).moveDown().text(`Payment terms: net ${invoice.netDays} days, due ${invoice.dueDate}.`);
    // Issue 14: which version of the payment schedule (change orders add versions) this bills.
    document.fontSize(8).text(`Billed under payment schedule version ${invoice.scheduleVersion}.`);
    document.moveDown(0.5).fontSize(12).text('How to pay');
    document.fontSize(10);
    // The same instructions the API shows and the e-invoice states (paymentInstructionsOf).
    const instructions = paymentInstructionsOf(invoice, seller);
    if (instructions) {
      document.text(`Bank transfer to: ${instructions.accountName}`);
      document.text(`${/^[A-Z]{2}\d{2}/.test(instructions.account) ? 'IBAN' : 'Account'}: ${instructions.account}`);
      if (seller.payment.bic) document.text(`BIC: ${seller.payment.bic}`);
      document.text(`Reference (quote with your payment): ${instructions.remittanceReference}`);
    }
    document.end();
    return done;
  }
}
