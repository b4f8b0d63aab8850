import type { FinancialStatusView } from '../../application/queries/financial-status.view';

/** A contract's financial status as the API shows it, in minor units of its currency. */
export interface FinancialStatusResponse {
  contract_id: string;
  client_id: string;
  currency: string;
  total_value_cents: number;
  billed_cents: number;
  tax_billed_cents: number;
  paid_cents: number;
  outstanding_cents: number;
  unbilled_cents: number;
}

export function financialStatusResponseOf(status: FinancialStatusView): FinancialStatusResponse {
  return {
    contract_id: status.contractId,
    client_id: status.clientId,
    currency: status.currency,
    total_value_cents: status.totalValueCents,
    billed_cents: status.billedCents,
    tax_billed_cents: status.taxBilledCents,
    paid_cents: status.paidCents,
    outstanding_cents: status.outstandingCents,
    unbilled_cents: status.unbilledCents,
  };
}
