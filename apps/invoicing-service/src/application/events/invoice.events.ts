import type { CatalogueEvent } from '@mb/messaging';
import type { InvoiceEvent, InvoiceSnapshot } from '../../domain/invoice/invoice';

/**
 * The catalogue events announcing what an invoice recorded, in order: issued → `invoice.issued`,
 * paid → `invoice.paid`, announced overdue → `invoice.overdue`, voided → `invoice.voided`, written
 * off → `invoice.uncollectible`. Credited in full has no event of its own: the credit note that
 * closed it announces it (`credit_note.issued` with `invoice_status: credited`). The invoice's
 * identity and figures come from its snapshot (they never change after issue); what changed, from
 * the event.
 */
export function invoiceCatalogueEvents(events: readonly InvoiceEvent[], invoice: InvoiceSnapshot): CatalogueEvent[] {
  const identity = { invoice_id: invoice.id, contract_id: invoice.contractId, client_id: invoice.clientId };
  return events.flatMap((event): CatalogueEvent[] => {
    switch (event.type) {
      case 'credited_in_full':
        return [];
      case 'voided':
        return [
          {
            name: 'invoice.voided',
            data: {
              ...identity,
              invoice_number: event.number,
              milestone_index: invoice.milestoneIndex,
              currency: invoice.currency,
              total_cents: invoice.totalCents,
              voided_at: event.at.toISOString(),
              reason: event.reason,
            },
          },
        ];
      case 'written_off':
        return [
          {
            name: 'invoice.uncollectible',
            data: {
              ...identity,
              invoice_number: event.number,
              milestone_index: invoice.milestoneIndex,
              currency: invoice.currency,
              amount_uncollectible_cents: event.amountCents,
              marked_at: event.at.toISOString(),
              reason: event.reason,
              ...(event.caseId ? { case_id: event.caseId } : {}),
            },
          },
        ];
      case 'issued':
        return [{
          name: 'invoice.issued',
          data: {
            ...identity,
            invoice_number: event.number,
            milestone_index: invoice.milestoneIndex,
            milestone_title: invoice.milestoneTitle,
            currency: invoice.currency,
            subtotal_cents: invoice.subtotalCents,
            tax_cents: invoice.taxCents,
            retainage_cents: invoice.retainageCents,
            total_cents: invoice.totalCents,
            // Nothing is paid at issue: what is due is what is payable.
            amount_due_cents: invoice.payableCents,
            issue_date: event.issueDate,
            due_date: event.dueDate,
            purchase_order_ref: invoice.purchaseOrderRef,
            ...(invoice.milestoneId ? { milestone_id: invoice.milestoneId } : {}),
          },
        }];
      case 'paid':
        return [{
          name: 'invoice.paid',
          data: {
            ...identity,
            invoice_number: event.number,
            milestone_index: invoice.milestoneIndex,
            currency: invoice.currency,
            amount_paid_cents: event.amountPaidCents,
            paid_at: event.paidAt.toISOString(),
            payment_ids: [...event.paymentIds],
          },
        }];
      case 'overdue_announced':
        return [{
          name: 'invoice.overdue',
          data: {
            ...identity,
            invoice_number: event.number,
            milestone_index: invoice.milestoneIndex,
            currency: invoice.currency,
            amount_due_cents: event.amountDueCents,
            due_date: event.dueDate,
            days_overdue: event.daysOverdue,
          },
        }];
    }
  });
}
