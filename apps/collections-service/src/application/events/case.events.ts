import type { CatalogueEvent } from '@mb/messaging';
import type { CaseEvent, CaseSnapshot } from '../../domain/case/case';

/** The catalogue events announcing what a case recorded, in order (both are keyed by the client). */
export function caseCatalogueEvents(events: readonly CaseEvent[], collectionsCase: CaseSnapshot): CatalogueEvent[] {
  return events.map((event): CatalogueEvent => {
    switch (event.type) {
      case 'opened':
        return {
          name: 'collections.case_opened',
          data: {
            case_id: collectionsCase.id,
            client_id: collectionsCase.clientId,
            stage: event.stage,
            opened_at: event.at.toISOString(),
            invoice_id: event.invoice.invoiceId,
            invoice_number: event.invoice.invoiceNumber,
            contract_id: event.invoice.contractId,
            currency: event.invoice.currency,
            amount_due_cents: event.invoice.amountDueCents,
            due_date: event.invoice.dueDate,
            // The catalogue counts at least one day overdue; a case never opens on the due date itself.
            days_overdue: Math.max(1, event.invoice.daysOverdue),
          },
        };
      case 'closed':
        return {
          name: 'collections.case_closed',
          data: { case_id: collectionsCase.id, client_id: collectionsCase.clientId, resolution: event.resolution, closed_at: event.at.toISOString() },
        };
    }
  });
}
