import type { OpenBalance } from '../../domain/receivables/aging';
import type { PaymentHabit, PendingDraft } from '../../domain/receivables/cash-forecast';
import type { PeriodReceivables } from '../../domain/receivables/collection-ratios';

/** Which receivables a report covers: all, or one client's, or one currency's. */
export interface ReceivablesScope {
  readonly clientId?: string;
  readonly currency?: string;
}

/** A contract's value against what its issued invoices billed, in schedule terms (before tax). */
export interface UnbilledContract {
  readonly contractId: string;
  readonly clientId: string;
  readonly clientName: string | null;
  readonly title: string;
  readonly currency: string;
  readonly totalValueCents: number;
  /** The issued invoices' subtotals (tax excluded, as the contract's value is). */
  readonly billedCents: number;
  /** total value − billed; what is still to be invoiced. */
  readonly unbilledCents: number;
}

/**
 * What the receivables reports read: read-only queries over invoicing's own tables, answered in
 * SQL by the persistence adapter (sums and groups over many invoices, which no aggregate knows).
 * The rules that make reports of these figures are the domain's (domain/receivables).
 */
export abstract class ReceivablesReportSource {
  /** Open invoices' balances (payable − paid − credited), grouped by client, currency, zone and due date. */
  abstract openBalances(scope: ReceivablesScope): Promise<OpenBalance[]>;
  /** Per currency, the receivables of the period [from, to] (collection-ratios.ts defines each figure). */
  abstract periodReceivables(from: string, to: string, scope: ReceivablesScope): Promise<Omit<PeriodReceivables, 'days'>[]>;
  /** Contracts by id, the page after `afterId`. */
  abstract unbilledContracts(scope: ReceivablesScope, afterId: string | null, limit: number): Promise<UnbilledContract[]>;
  /** How late each client paid its paid invoices, in its calendar. */
  abstract paymentHabits(scope: ReceivablesScope): Promise<PaymentHabit[]>;
  /** Drafts of milestones not billed yet (not discarded), grouped by client, currency, planned date and net days. */
  abstract draftPipeline(scope: ReceivablesScope): Promise<PendingDraft[]>;
}
