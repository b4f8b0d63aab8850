import type { ContractTerms } from '../ports/contract-terms.repository';

/** What a contract's issued invoices add up to (drafts owe nothing and are not counted). */
export interface ContractFinancials {
  /** Totals of the issued invoices, tax included. */
  readonly billedCents: number;
  /** The same invoices before tax: schedule value billed. */
  readonly billedSubtotalCents: number;
  readonly paidCents: number;
  /** What credit notes took off those invoices' balances. */
  readonly creditedCents: number;
  /** Balances given up (written off as uncollectible). */
  readonly writtenOffCents: number;
}

/** What a contract is worth, what has been billed, paid and is still owed. */
export interface FinancialStatusView {
  readonly contractId: string;
  readonly clientId: string;
  readonly currency: string;
  readonly totalValueCents: number;
  readonly billedCents: number;
  readonly taxBilledCents: number;
  readonly paidCents: number;
  readonly creditedCents: number;
  readonly writtenOffCents: number;
  readonly outstandingCents: number;
  readonly unbilledCents: number;
}

/**
 * Contract value and unbilled are in schedule terms (before tax: the milestones add up to the
 * value); billed, paid and outstanding are receivables, tax included. So, always:
 *   unbilled = total_value − (billed − tax_billed)   and   outstanding = billed − paid;
 * with no tax (tax_billed = 0), unbilled = total_value − billed.
 */
export function financialStatusViewOf(terms: ContractTerms, figures: ContractFinancials): FinancialStatusView {
  return {
    contractId: terms.contractId,
    clientId: terms.clientId,
    currency: terms.currency,
    totalValueCents: terms.totalValueCents,
    billedCents: figures.billedCents,
    taxBilledCents: figures.billedCents - figures.billedSubtotalCents,
    paidCents: figures.paidCents,
    creditedCents: figures.creditedCents,
    writtenOffCents: figures.writtenOffCents,
    outstandingCents: figures.billedCents - figures.paidCents - figures.creditedCents - figures.writtenOffCents,
    unbilledCents: terms.totalValueCents - figures.billedSubtotalCents,
  };
}
