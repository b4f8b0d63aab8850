import type { CaseSnapshot } from '../case/case';
import type { PlanInvoice } from './payment-plan';

/**
 * What a plan in `currency` covers of the case: its invoices in that currency with something owed,
 * each for what is owed on it. Agreeing and proposing take it; accepting a proposal compares it.
 */
export function owedInvoicesOf(collectionsCase: CaseSnapshot, currency: string): PlanInvoice[] {
  return collectionsCase.invoices
    .filter((invoice) => invoice.currency === currency && invoice.balanceCents > 0)
    .map((invoice) => ({ invoiceId: invoice.invoiceId, invoiceNumber: invoice.invoiceNumber, contractId: invoice.contractId, amountCents: invoice.balanceCents }));
}
