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
  // A retainage release bills no milestone: the milestone fields are left out rather than null.
  const milestoneIndex = invoice.milestoneIndex === null ? {} : { milestone_index: invoice.milestoneIndex };
  // After issue, a retainage release says so, for consumers that would look for its milestone.
  const kind = invoice.kind === 'milestone' ? {} : { kind: invoice.kind };
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
              ...milestoneIndex,
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
              ...milestoneIndex,
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
            kind: invoice.kind,
            ...milestoneIndex,
            ...(invoice.milestoneTitle === null ? {} : { milestone_title: invoice.milestoneTitle }),
            ...(invoice.releasedInvoices.length === 0
              ? {}
              : {
                  released_invoices: invoice.releasedInvoices.map((released) => ({
                    invoice_id: released.invoiceId,
                    invoice_number: released.invoiceNumber,
                    retainage_cents: released.retainageCents,
                  })),
                }),
            currency: invoice.currency,
            subtotal_cents: invoice.subtotalCents,
            tax_cents: invoice.taxCents,
            retainage_cents: invoice.retainageCents,
            total_cents: invoice.totalCents,
            // Version 1 defines it as what is payable (total − retainage); the client's credit applied
            // at issue (issue 10) travels beside it rather than changing what it means.
            amount_due_cents: invoice.payableCents,
            ...(event.creditAppliedCents > 0 ? { credit_applied_cents: event.creditAppliedCents } : {}),
            issue_date: event.issueDate,
            due_date: event.dueDate,
            purchase_order_ref: invoice.purchaseOrderRef,
            ...(invoice.milestoneId ? { milestone_id: invoice.milestoneId } : {}),
            schedule_version: invoice.scheduleVersion,
          },
        }];
      case 'paid':
        return [{
          name: 'invoice.paid',
          data: {
            ...identity,
            invoice_number: event.number,
            ...milestoneIndex,
            ...kind,
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
            ...milestoneIndex,
            ...kind,
            currency: invoice.currency,
            amount_due_cents: event.amountDueCents,
            due_date: event.dueDate,
            days_overdue: event.daysOverdue,
          },
        }];
    }
  });
}
