import { DomainRejection } from '@mb/kernel';
import type { FinancialStatusView } from './financial-status.view';

/**
 * A contract's financial status, summed over its issued invoices: a query port, implemented in
 * SQL by the persistence adapter, since the sums are a report over many invoices rather than
 * anything an aggregate knows.
 */
export abstract class FinancialStatusQueries {
  /** Refuses with `contract.not_found` (404) for a contract invoicing has not heard of. */
  abstract financialStatus(contractId: string): Promise<FinancialStatusView>;
}

export function contractNotKnown(contractId: string): DomainRejection {
  return new DomainRejection('not_found', 'contract.not_found', `invoicing knows no active contract ${contractId}`);
}
