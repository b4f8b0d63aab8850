import type { KnownContract } from '../ports/contract-terms.repository';

/**
 * What a contract's invoices add up to. "Standing" means issued and not voided: open, paid, credited
 * or uncollectible (a voided invoice no longer stands; drafts owe nothing).
 */
export interface ContractFinancials {
  /** Totals of the standing milestone invoices, tax and retainage included. */
  readonly billedCents: number;
  /** The same invoices before tax: schedule value billed. */
  readonly billedSubtotalCents: number;
  /** Retainage withheld on the standing milestone invoices, whatever became of it since. */
  readonly withheldCents: number;
  /** Of it, what credit notes gave back (their lines' retainage): no longer held, never released. */
  readonly retainageCreditedCents: number;
  /** Of it, what is given up with a write-off: an uncollectible invoice's retainage not released or credited. */
  readonly retainageWrittenOffCents: number;
  /** Totals of the standing retainage releases: withheld retainage billed since. */
  readonly releasedCents: number;
  /** Paid on every standing invoice, releases included (client credit applied at issue included). */
  readonly paidCents: number;
  /** What credit notes took off the standing invoices' balances (amount_credited_cents). */
  readonly creditedCents: number;
  /** Balances given up (amount_written_off_cents of the uncollectible invoices). */
  readonly writtenOffCents: number;
  /** The open invoices' balances (payable − paid − credited), releases included. */
  readonly outstandingCents: number;
  /** Net amounts of the drafts: milestones still to bill. */
  readonly draftSubtotalCents: number;
  /** Net amounts of the discarded drafts: milestones cancelled before they were billed. */
  readonly discardedSubtotalCents: number;
  /** What the standing milestone invoices billed for a share only left unbilled: cancelled by the termination (issue 14). */
  readonly shareCancelledCents: number;
}

/** What a contract is worth, what has been billed, withheld, released, paid, credited, written off and is still owed. */
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
  readonly writtenOffCents: number;
  readonly outstandingCents: number;
  readonly unbilledCents: number;
  readonly cancelledCents: number;
  /** Nothing left to bill, and billed (before tax) + cancelled = the contract value. */
  readonly balanced: boolean;
  readonly retainageReleaseDate: string | null;
  readonly terminatedAt: string | null;
}

/**
 * Contract value, unbilled and cancelled are in schedule terms (before tax); the rest are
 * receivables, tax included. Billed is what the milestones were invoiced for; of it, the client was
 * asked to pay all but the retainage withheld, and a withheld amount is asked for later by a
 * retainage release. Every cent billed ends in exactly one place:
 *   retained    = withheld − released − retainage credited − retainage written off (held back, not billed yet)
 *   credited    = what credit notes took back: off the balances, and the retainage their lines gave back
 *   written off = the balances given up, and the retainage of those invoices not released before
 *   outstanding = Σ open balances, milestone invoices and releases alike
 *   billed      = retained + paid + credited + written off + outstanding
 *   unbilled    = the drafts' net amounts                   (cancelled milestones' are in cancelled)
 *   cancelled   = the discarded drafts' net amounts, and what a termination left unbilled of a
 *                 milestone it billed for a share only
 * and, for a schedule that was neither amended nor had an invoice voided,
 * total_value = (billed − tax_billed) + unbilled + cancelled.
 * The contract is balanced when nothing is left to bill and that holds: every cent of its value
 * billed or cancelled (issue 14: where a termination leaves it, or a contract billed in full).
 */
export function financialStatusViewOf(contract: KnownContract, figures: ContractFinancials): FinancialStatusView {
  const billedSubtotalCents = figures.billedSubtotalCents;
  const cancelledCents = figures.discardedSubtotalCents + figures.shareCancelledCents;
  const retainedCents = figures.withheldCents - figures.releasedCents - figures.retainageCreditedCents - figures.retainageWrittenOffCents;
  return {
    contractId: contract.contractId,
    clientId: contract.clientId,
    currency: contract.currency,
    totalValueCents: contract.totalValueCents,
    billedCents: figures.billedCents,
    taxBilledCents: figures.billedCents - billedSubtotalCents,
    retainedCents,
    releasedCents: figures.releasedCents,
    paidCents: figures.paidCents,
    creditedCents: figures.creditedCents + figures.retainageCreditedCents,
    writtenOffCents: figures.writtenOffCents + figures.retainageWrittenOffCents,
    outstandingCents: figures.outstandingCents,
    unbilledCents: figures.draftSubtotalCents,
    cancelledCents,
    balanced: figures.draftSubtotalCents === 0 && billedSubtotalCents + cancelledCents === contract.totalValueCents,
    retainageReleaseDate: contract.retainageReleaseDate,
    terminatedAt: contract.terminatedAt,
  };
}
