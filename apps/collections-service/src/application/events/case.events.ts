import type { CatalogueEvent } from '@mb/messaging';
import type { CaseEvent, CaseSnapshot } from '../../domain/case/case';

/** The case file stored at hand-off, which collections.handed_off names with its digests. */
export interface StoredCaseFileReference {
  readonly caseFileId: string;
  readonly sha256: string;
  readonly manifestSha256: string;
  readonly sizeBytes: number;
}

/** The catalogue events announcing what a case recorded, in order (all are keyed by the client). */
export function caseCatalogueEvents(events: readonly CaseEvent[], collectionsCase: CaseSnapshot, context: { caseFile?: StoredCaseFileReference } = {}): CatalogueEvent[] {
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
          data: {
            case_id: collectionsCase.id,
            client_id: collectionsCase.clientId,
            resolution: event.resolution,
            closed_at: event.at.toISOString(),
            ...(event.closure ? { closed_by: event.closure.by, reason: event.closure.reason } : {}),
          },
        };
      case 'handed_off': {
        const caseFile = context.caseFile;
        if (!caseFile) throw new Error(`case ${collectionsCase.id} was handed off without its case file`);
        return {
          name: 'collections.handed_off',
          data: {
            case_id: collectionsCase.id,
            client_id: collectionsCase.clientId,
            agency: event.handOff.agency,
            reason: event.handOff.reason,
            handed_off_by: event.handOff.by,
            handed_off_at: event.at.toISOString(),
            balances: Object.entries(event.balances).map(([currency, balanceCents]) => ({ currency, balance_cents: balanceCents })),
            invoices: collectionsCase.invoices
              .filter((invoice) => invoice.balanceCents > 0)
              .map((invoice) => ({
                invoice_id: invoice.invoiceId,
                invoice_number: invoice.invoiceNumber,
                contract_id: invoice.contractId,
                currency: invoice.currency,
                balance_cents: invoice.balanceCents,
              })),
            case_file: { case_file_id: caseFile.caseFileId, sha256: caseFile.sha256, manifest_sha256: caseFile.manifestSha256, size_bytes: caseFile.sizeBytes },
          },
        };
      }
      case 'written_off':
        return {
          name: 'collections.written_off',
          data: {
            case_id: collectionsCase.id,
            client_id: collectionsCase.clientId,
            invoice_id: event.invoice.invoiceId,
            invoice_number: event.invoice.invoiceNumber,
            contract_id: event.invoice.contractId,
            currency: event.invoice.currency,
            amount_written_off_cents: event.amountCents,
            written_off_at: event.at.toISOString(),
            reason: event.closure.reason,
          },
        };
    }
  });
}
