import type { KnownContract } from '../ports/contract-terms.repository';

/**
 * What a contract's invoices add up to. "Issued" means numbered and standing (open, paid or
 * uncollectible); drafts owe nothing.
 */
export interface ContractFinancials {
  /** Totals of the issued milestone invoices, tax included. */
  readonly billedCents: number;
  /** The same invoices before tax: schedule value billed. */
  readonly billedSubtotalCents: number;
  /** Retainage withheld on the issued milestone invoices, released or not. */
  readonly withheldCents: number;
  /** Totals of the issued retainage releases: withheld retainage billed since. */
  readonly releasedCents: number;
  /** Paid on every issued invoice, releases included. */
  readonly paidCents: number;
  /** Taken off by credit notes, on every issued invoice. */
  readonly creditedCents: number;
  /** Net amounts of the drafts: milestones still to bill. */
  readonly draftSubtotalCents: number;
  /** Net amounts of the discarded drafts: milestones cancelled before they were billed. */
  readonly discardedSubtotalCents: number;
}

/** What a contract is worth, what has been billed, withheld, released, paid and is still owed. */
export interface FinancialStatusView {
  readonly contractId: string;
  readonly clientId: string;
  readonly currency: string;
  readonly totalValueCents: number;
  readonly billedCents: number;
  readonly taxBilledCents: number;
  readonly retainedCents: number;
  readonly releasedCents: number;
  readonly paidCents: number;
  readonly creditedCents: number;
  readonly outstandingCents: number;
  readonly unbilledCents: number;
  readonly cancelledCents: number;
  readonly retainageReleaseDate: string | null;
  readonly terminatedAt: string | null;
}

/**
 * Contract value, unbilled and cancelled are in schedule terms (before tax); the rest are
 * receivables, tax included. Billed is what the milestones were invoiced for; of it, the client was
 * asked to pay all but the retainage withheld, and a withheld amount is asked for later by a
 * retainage release. So, always:
 *   retained    = withheld − released                      (held back, not billed yet)
 *   outstanding = Σ open balances = billed − retained − paid − credited
 *   billed      = retained + paid + credited + outstanding (every cent billed is in exactly one)
 *   unbilled    = the drafts' net amounts                   (cancelled milestones' are in cancelled)
 * and, for a schedule that was not amended, total_value = (billed − tax_billed) + unbilled + cancelled.
 */
export function financialStatusViewOf(contract: KnownContract, figures: ContractFinancials): FinancialStatusView {
  const retainedCents = figures.withheldCents - figures.releasedCents;
  return {
    contractId: contract.contractId,
    clientId: contract.clientId,
    currency: contract.currency,
    totalValueCents: contract.totalValueCents,
    billedCents: figures.billedCents,
    taxBilledCents: figures.billedCents - figures.billedSubtotalCents,
    retainedCents,
    releasedCents: figures.releasedCents,
    paidCents: figures.paidCents,
    creditedCents: figures.creditedCents,
    outstandingCents: figures.billedCents - retainedCents - figures.paidCents - figures.creditedCents,
    unbilledCents: figures.draftSubtotalCents,
    cancelledCents: figures.discardedSubtotalCents,
    retainageReleaseDate: contract.retainageReleaseDate,
    terminatedAt: contract.terminatedAt,
  };
}
