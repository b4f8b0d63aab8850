import type { EventData } from '@mb/events';
import type { ClientSnapshot } from '../domain/client/client';
import type { ContractSnapshot } from '../domain/contract/contract';

/**
 * The contract as the catalogue's `contractTermsFields` describe it: the whole schedule plus who
 * the client is, so that other services build their own copies from the events alone.
 */
export function contractTermsOf(contract: ContractSnapshot, client: ClientSnapshot): EventData<'contract.created'> {
  return {
    contract_id: contract.id,
    client_id: contract.clientId,
    client_name: client.name,
    client_ap_email: client.apContactEmail,
    title: contract.title,
    currency: contract.currency,
    total_value_cents: contract.totalValueCents,
    net_days: contract.netDays,
    tax_rate_bps: contract.taxRateBps,
    retainage_bps: contract.retainageBps,
    purchase_order_ref: contract.purchaseOrderRef,
    schedule_version: contract.scheduleVersion,
    milestones: contract.milestones.map((milestone) => ({
      milestone_index: milestone.milestoneIndex,
      title: milestone.title,
      amount_cents: milestone.amountCents,
      planned_date: milestone.plannedDate,
      billing_trigger: milestone.billingTrigger,
      acceptance_criteria: milestone.acceptanceCriteria,
      approval_window_days: milestone.approvalWindowDays,
      deemed_acceptance: milestone.deemedAcceptance,
      payout_destination: milestone.payoutDestination
        ? { account_token: milestone.payoutDestination.accountToken, auto_clear: milestone.payoutDestination.autoClear }
        : null,
    })),
  };
}
