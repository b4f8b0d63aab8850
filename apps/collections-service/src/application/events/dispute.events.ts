import type { CatalogueEvent } from '@mb/messaging';
import type { DisputeEvent, DisputeSnapshot } from '../../domain/dispute/dispute';

/** The catalogue events announcing what a dispute recorded, in order (keyed by the client, as every collections event). */
export function disputeCatalogueEvents(events: readonly DisputeEvent[], dispute: DisputeSnapshot): CatalogueEvent[] {
  const invoice = {
    dispute_id: dispute.id,
    client_id: dispute.clientId,
    invoice_id: dispute.invoiceId,
    invoice_number: dispute.invoiceNumber,
    contract_id: dispute.contractId,
    currency: dispute.currency,
    amount_cents: dispute.amountCents,
    reason: dispute.reason,
  };
  return events.map((event): CatalogueEvent => {
    switch (event.type) {
      case 'opened':
        return {
          name: 'collections.dispute_opened',
          data: {
            ...invoice,
            invoice_balance_cents: dispute.invoiceBalanceCents,
            whole_invoice: dispute.wholeInvoice,
            opened_by: { role: dispute.openedBy.role, subject: dispute.openedBy.subject },
            opened_at: dispute.openedAt.toISOString(),
          },
        };
      case 'resolved': {
        const resolution = dispute.resolution;
        if (resolution === null) throw new Error(`dispute ${dispute.id} announced a resolution it does not have`);
        return {
          name: 'collections.dispute_resolved',
          data: {
            ...invoice,
            outcome: resolution.outcome,
            note: resolution.note,
            ...(resolution.creditAmountCents !== null ? { credit_amount_cents: resolution.creditAmountCents } : {}),
            resolved_by: { role: resolution.resolvedBy.role, subject: resolution.resolvedBy.subject },
            opened_at: dispute.openedAt.toISOString(),
            resolved_at: resolution.resolvedAt.toISOString(),
          },
        };
      }
      case 'withdrawn': {
        const withdrawal = dispute.withdrawal;
        if (withdrawal === null) throw new Error(`dispute ${dispute.id} announced a withdrawal it does not have`);
        return {
          name: 'collections.dispute_withdrawn',
          data: {
            ...invoice,
            ...(withdrawal.note !== null ? { note: withdrawal.note } : {}),
            withdrawn_by: { role: withdrawal.withdrawnBy.role, subject: withdrawal.withdrawnBy.subject },
            opened_at: dispute.openedAt.toISOString(),
            withdrawn_at: withdrawal.withdrawnAt.toISOString(),
          },
        };
      }
    }
  });
}
