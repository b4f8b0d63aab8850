import type { MilestoneSnapshot } from '../../domain/milestone/milestone';

/** A milestone as the API shows it: snake_case, amounts in cents, instants in RFC 3339. */
export interface MilestoneResponse {
  id: string;
  contract_id: string;
  client_id: string;
  milestone_index: number;
  title: string;
  acceptance_criteria: string;
  status: string;
  amount_cents: number;
  currency: string;
  billing_trigger: string;
  planned_date: string | null;
  approval_window_days: number | null;
  deemed_acceptance: boolean;
  payout_destination: { account_token: string; auto_clear: boolean } | null;
  schedule_version: number;
  evidence_url: string | null;
  rejection_reason: string | null;
  cancellation_reason: string | null;
  started_at: string | null;
  submitted_at: string | null;
  approval_due_at: string | null;
  approved_at: string | null;
  rejected_at: string | null;
  triggered_at: string | null;
  invoiced_at: string | null;
  paid_at: string | null;
  cancelled_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

const iso = (instant: Date | null): string | null => (instant ? instant.toISOString() : null);

export function milestoneResponseOf(state: MilestoneSnapshot): MilestoneResponse {
  return {
    id: state.id,
    contract_id: state.contractId,
    client_id: state.clientId,
    milestone_index: state.milestoneIndex,
    title: state.title,
    acceptance_criteria: state.acceptanceCriteria,
    status: state.status,
    amount_cents: state.amountCents,
    currency: state.currency,
    billing_trigger: state.billingTrigger,
    planned_date: state.plannedDate,
    approval_window_days: state.approvalWindowDays,
    deemed_acceptance: state.deemedAcceptance,
    payout_destination: state.payoutDestination
      ? { account_token: state.payoutDestination.accountToken, auto_clear: state.payoutDestination.autoClear }
      : null,
    schedule_version: state.scheduleVersion,
    evidence_url: state.evidenceUrl,
    rejection_reason: state.rejectionReason,
    cancellation_reason: state.cancellationReason,
    started_at: iso(state.startedAt),
    submitted_at: iso(state.submittedAt),
    approval_due_at: iso(state.approvalDueAt),
    approved_at: iso(state.approvedAt),
    rejected_at: iso(state.rejectedAt),
    triggered_at: iso(state.triggeredAt),
    invoiced_at: iso(state.invoicedAt),
    paid_at: iso(state.paidAt),
    cancelled_at: iso(state.cancelledAt),
    created_at: state.createdAt.toISOString(),
    updated_at: state.updatedAt.toISOString(),
    version: state.version,
  };
}
