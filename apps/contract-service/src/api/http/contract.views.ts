import type { ClientSnapshot } from '../../domain/client/client';
import type { ContractSnapshot } from '../../domain/contract/contract';

/** The API's shapes: snake_case, amounts in *_cents, dates as YYYY-MM-DD, instants as RFC 3339. */
export function clientView(client: ClientSnapshot) {
  return { id: client.id, name: client.name, ap_contact_email: client.apContactEmail, created_at: client.createdAt.toISOString() };
}

export function contractView(contract: ContractSnapshot) {
  return {
    id: contract.id,
    client_id: contract.clientId,
    title: contract.title,
    status: contract.status,
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
      acceptance_criteria: milestone.acceptanceCriteria,
      deliverables: milestone.deliverables,
      amount_cents: milestone.amountCents,
      amount_bps: milestone.amountBps,
      billing_trigger: milestone.billingTrigger,
      planned_date: milestone.plannedDate,
      approval_window_days: milestone.approvalWindowDays,
      deemed_acceptance: milestone.deemedAcceptance,
      payout_destination: milestone.payoutDestination
        ? { account_token: milestone.payoutDestination.accountToken, auto_clear: milestone.payoutDestination.autoClear }
        : null,
    })),
    warnings: contract.warnings.map((warning) => ({
      code: warning.code,
      message: warning.message,
      ...(warning.milestoneIndex !== undefined ? { milestone_index: warning.milestoneIndex } : {}),
    })),
    created_at: contract.createdAt.toISOString(),
    activated_at: contract.activatedAt?.toISOString() ?? null,
    completed_at: contract.completedAt?.toISOString() ?? null,
    terminated_at: contract.terminatedAt?.toISOString() ?? null,
    termination_reason: contract.terminationReason,
    version: contract.version,
  };
}
