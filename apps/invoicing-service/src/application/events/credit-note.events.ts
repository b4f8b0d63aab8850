import type { CatalogueEvent } from '@mb/messaging';
import type { CreditNoteEvent, CreditNoteSnapshot } from '../../domain/credit-note/credit-note';
import { balanceOf, type InvoiceSnapshot } from '../../domain/invoice/invoice';

/**
 * The catalogue events announcing what a credit note recorded: issued → `credit_note.issued`, with
 * what the invoice owes after it and its status, so a consumer (collections, finance tooling) need
 * not ask whether it closed the invoice.
 */
export function creditNoteCatalogueEvents(events: readonly CreditNoteEvent[], creditNote: CreditNoteSnapshot, invoice: InvoiceSnapshot): CatalogueEvent[] {
  const invoiceStatus = invoice.status;
  // A credit applies to an open invoice only, and leaves it open or closes it as paid or credited.
  if (invoiceStatus !== 'open' && invoiceStatus !== 'paid' && invoiceStatus !== 'credited') {
    throw new Error(`credit note ${creditNote.id} left invoice ${invoice.id} ${invoiceStatus}`);
  }
  return events.map((event): CatalogueEvent => {
    switch (event.type) {
      case 'issued':
        return {
          name: 'credit_note.issued',
          data: {
            credit_note_id: creditNote.id,
            credit_note_number: creditNote.number,
            invoice_id: creditNote.invoiceId,
            invoice_number: creditNote.invoiceNumber,
            contract_id: creditNote.contractId,
            client_id: creditNote.clientId,
            // A credit note on a retainage release names no milestone: the field is left out.
            ...(creditNote.milestoneIndex === null ? {} : { milestone_index: creditNote.milestoneIndex }),
            currency: creditNote.currency,
            subtotal_cents: creditNote.subtotalCents,
            tax_cents: creditNote.taxCents,
            total_cents: creditNote.totalCents,
            retainage_cents: creditNote.retainageCents,
            amount_credited_cents: creditNote.amountCreditedCents,
            issue_date: creditNote.issueDate,
            reason: creditNote.reason,
            lines: creditNote.lines.map((line) => ({
              line_number: line.lineNumber,
              invoice_line_number: line.invoiceLineNumber,
              description: line.description,
              amount_cents: line.amountCents,
              tax_rate_bps: line.taxRateBps,
              tax_cents: line.taxCents,
            })),
            invoice_amount_due_cents: balanceOf(invoice),
            invoice_status: invoiceStatus,
          },
        };
    }
  });
}
