import { calendarDateIn } from '@mb/kernel';
import type { CatalogueEvent } from '@mb/messaging';
import { type Balances, type CaseEvent, type CollectionsCase, daysLate, type PromiseToPay } from '../../domain/case/case';
import { stepNamed } from '../../domain/dunning/dunning-ladder';

/** The case file stored at hand-off, which collections.handed_off names with its digests. */
export interface StoredCaseFileReference {
  readonly caseFileId: string;
  readonly sha256: string;
  readonly manifestSha256: string;
  readonly sizeBytes: number;
}

/** The catalogue events announcing what a case recorded, in order (all are keyed by the client). */
export function caseCatalogueEvents(events: readonly CaseEvent[], collectionsCase: CollectionsCase, context: { caseFile?: StoredCaseFileReference } = {}): CatalogueEvent[] {
  const snapshot = collectionsCase.snapshot();
  const ids = { case_id: snapshot.id, client_id: snapshot.clientId };
  return events.map((event): CatalogueEvent => {
    switch (event.type) {
      case 'opened':
        return {
          name: 'collections.case_opened',
          data: {
            ...ids,
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
      case 'invoice_joined': {
        const step = collectionsCase.currentStep();
        return {
          name: 'collections.invoice_joined',
          data: {
            ...ids,
            stage: step.stage,
            template: step.template,
            // A held case writes no letter: the hold (a promise, a plan, a decision) is the conversation.
            channel: collectionsCase.isHeld() ? 'none' : step.channel,
            joined_at: event.at.toISOString(),
            invoice_id: event.invoice.invoiceId,
            invoice_number: event.invoice.invoiceNumber,
            contract_id: event.invoice.contractId,
            currency: event.invoice.currency,
            amount_due_cents: event.invoice.amountDueCents,
            due_date: event.invoice.dueDate,
            days_overdue: Math.max(1, event.invoice.daysOverdue),
            balances: balancesData(collectionsCase.balances()),
          },
        };
      }
      case 'stage_changed': {
        const step = stepNamed(snapshot.ladder, event.stage);
        const today = calendarDateIn(event.at, snapshot.clientTimeZone);
        const chased = collectionsCase.chasedInvoices().sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.invoiceNumber.localeCompare(b.invoiceNumber));
        const held = snapshot.holds.some((hold) => hold.kind !== 'awaiting_decision' || hold.reference !== event.stage);
        return {
          name: 'collections.stage_changed',
          data: {
            ...ids,
            stage: event.stage,
            previous_stage: event.previousStage,
            cause: event.cause,
            changed_at: event.at.toISOString(),
            template: step.template,
            // No letter for a held case, one with only disputed invoices left, or a closed one.
            channel: held || chased.length === 0 || snapshot.status !== 'open' ? 'none' : step.channel,
            pauses_for_decision: step.pausesForDecision,
            balances: balancesData(collectionsCase.balances()),
            invoices: chased.map((invoice) => ({
              invoice_id: invoice.invoiceId,
              invoice_number: invoice.invoiceNumber,
              contract_id: invoice.contractId,
              currency: invoice.currency,
              amount_due_cents: invoice.balanceCents,
              due_date: invoice.dueDate,
              days_late: daysLate(invoice.dueDate, today),
            })),
          },
        };
      }
      case 'promise_recorded':
        return { name: 'collections.promise_recorded', data: { ...ids, ...promiseData(event.promise), recorded_at: event.at.toISOString() } };
      case 'promise_kept':
        return {
          name: 'collections.promise_kept',
          data: { ...ids, ...promiseData(event.promise), paid_cents: event.promise.paidCents, kept_at: event.at.toISOString() },
        };
      case 'promise_broken':
        return {
          name: 'collections.promise_broken',
          data: { ...ids, ...promiseData(event.promise), paid_cents: event.promise.paidCents, broken_at: event.at.toISOString(), stage: snapshot.stage },
        };
      case 'closed':
        return {
          name: 'collections.case_closed',
          data: {
            ...ids,
            resolution: event.resolution,
            closed_at: event.at.toISOString(),
            ...(event.closure ? { closed_by: event.closure.by, reason: event.closure.reason } : {}),
          },
        };
      case 'handed_off': {
        const caseFile = context.caseFile;
        if (!caseFile) throw new Error(`case ${snapshot.id} was handed off without its case file`);
        return {
          name: 'collections.handed_off',
          data: {
            ...ids,
            agency: event.handOff.agency,
            reason: event.handOff.reason,
            handed_off_by: event.handOff.by,
            handed_off_at: event.at.toISOString(),
            balances: Object.entries(event.balances).map(([currency, balanceCents]) => ({ currency, balance_cents: balanceCents })),
            invoices: snapshot.invoices
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
            ...ids,
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

/** Balances as the events and the API carry them: one entry per currency, ordered by currency. */
export function balancesData(balances: Balances): { currency: string; balance_cents: number }[] {
  return Object.entries(balances)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, balanceCents]) => ({ currency, balance_cents: balanceCents }));
}

function promiseData(promise: PromiseToPay) {
  return { promise_id: promise.id, promised_date: promise.promisedDate, currency: promise.currency, amount_cents: promise.amountCents };
}
