import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { formatMoney } from '@mb/money';
import { PaymentPlanDocuments } from '../../application/ports/payment-plan-documents.port';
import type { PaymentPlanSnapshot } from '../../domain/payment-plan/payment-plan';

/**
 * The plan's schedule as a PDF the client keeps: what it covers (the invoices and the total), each
 * payment with its date and amount (the down payment first), the grace period and what a missed
 * payment means. Uncompressed text streams, as invoicing's PDFs, so it stays searchable. Rendered
 * from the plan as it stands, so payments made so far show.
 */
@Injectable()
export class PdfKitPaymentPlanDocuments extends PaymentPlanDocuments {
  schedulePdf(plan: PaymentPlanSnapshot): Promise<Buffer> {
    const money = (cents: number) => formatMoney(cents, plan.currency);
    const document = new PDFDocument({ size: 'A4', margin: 50, compress: false, info: { Title: `Payment plan ${plan.id}` } });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      document.on('data', (chunk: Buffer) => chunks.push(chunk));
      document.on('end', () => resolve(Buffer.concat(chunks)));
      document.on('error', reject);
    });

    document.fontSize(20).text('Payment plan schedule');
    document.moveDown(0.5).fontSize(10);
    document.text(`Plan: ${plan.id}`);
    document.text(`Client: ${plan.clientId}`);
    // A proposal (or a superseded one) was never agreed: the document says what it is.
    if (plan.agreedAt) document.text(`Agreed: ${plan.agreedAt.toISOString().slice(0, 10)}`);
    else document.text(`Proposed: ${plan.proposedAt.toISOString().slice(0, 10)} (${plan.status === 'proposed' ? `not yet accepted; accept by ${plan.instalments[0].dueDate}` : plan.status})`);
    document.text(`Total: ${money(plan.totalCents)}`);
    document.moveDown();
    document.fontSize(12).text('Invoices covered');
    document.fontSize(10);
    for (const invoice of plan.invoices) document.text(`${invoice.invoiceNumber}: ${money(invoice.amountCents)}`);
    document.moveDown();
    document.fontSize(12).text('Schedule');
    document.fontSize(10);
    for (const instalment of plan.instalments) {
      const label = instalment.kind === 'down_payment' ? 'Down payment' : `Instalment ${instalment.number}`;
      const paid = instalment.paidAt ? ' (paid)' : instalment.paidCents > 0 ? ` (${money(instalment.paidCents)} paid)` : '';
      document.text(`${label}: ${money(instalment.amountCents)} due ${instalment.dueDate}${paid}`);
    }
    document.moveDown();
    document.text(`Dates are calendar dates in ${plan.timeZone}. A reminder is sent ${plan.reminderDaysBefore} days before each payment.`);
    document.text(
      `A payment not received within ${plan.graceDays} days of its due date ends the plan: the remaining balance then falls due at once and collection resumes.`,
    );
    document.end();
    return done;
  }
}
