import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import { DISPUTE_OUTCOMES, DISPUTE_STATUSES, type DisputeActor, type DisputeOutcome, type DisputeSnapshot, type DisputeStatus } from '../../domain/dispute/dispute';

export class DisputeActorResponse {
  @ApiProperty({ enum: ['client', 'finance', 'admin'], description: 'The role the person acted in: the client, or staff on its behalf.', example: 'client' })
  role!: DisputeActor['role'];

  @ApiProperty({ description: "The caller's subject as its access token names it.", example: 'usr_client_ap' })
  subject!: string;
}

export class DisputeResolutionResponse {
  @ApiProperty({ enum: DISPUTE_OUTCOMES, example: 'upheld' })
  outcome!: DisputeOutcome;

  @ApiProperty({ example: 'Timesheets confirm two days; three days credited.' })
  note!: string;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 1, description: 'Upheld: what invoicing credits on the invoice; rejected: null.', example: 150_000 })
  credit_amount_cents!: number | null;

  @ApiProperty({ type: () => DisputeActorResponse })
  resolved_by!: DisputeActorResponse;

  @ApiProperty({ format: 'date-time', example: '2026-07-10T09:00:00.000Z' })
  resolved_at!: string;
}

export class DisputeWithdrawalResponse {
  @ApiProperty({ type: String, nullable: true, description: 'Why it was withdrawn, when the person said.', example: 'Our project lead found the review notes: five days is right.' })
  note!: string | null;

  @ApiProperty({ type: () => DisputeActorResponse })
  withdrawn_by!: DisputeActorResponse;

  @ApiProperty({ format: 'date-time', example: '2026-07-05T08:29:59.000Z' })
  withdrawn_at!: string;
}

/** A dispute of an invoice, in whole or in part, and its resolution once decided (or its withdrawal). */
export class DisputeResponse {
  @ApiIdProperty('dsp', 'The dispute')
  id!: string;

  @ApiIdProperty('cli', 'The client disputing')
  client_id!: string;

  @ApiIdProperty('inv', 'The invoice disputed')
  invoice_id!: string;

  @ApiProperty({ example: 'INV-2026-000042' })
  invoice_number!: string;

  @ApiIdProperty('con', 'The contract the invoice bills')
  contract_id!: string;

  @ApiProperty({ description: 'Lowercase ISO 4217.', pattern: '^[a-z]{3}$', example: 'usd' })
  currency!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The part of the open balance disputed.', example: 150_000 })
  amount_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 1, description: "The invoice's open balance when the dispute was opened.", example: 772_500 })
  invoice_balance_cents!: number;

  @ApiProperty({ description: 'Whether the whole open balance is disputed.', example: false })
  whole_invoice!: boolean;

  @ApiProperty({ example: 'The prototype review took two days, not the five billed.' })
  reason!: string;

  @ApiProperty({ enum: DISPUTE_STATUSES, description: 'open until decided (upheld, rejected) or withdrawn by the client; the three endings are final.', example: 'open' })
  status!: DisputeStatus;

  @ApiProperty({ type: () => DisputeActorResponse })
  opened_by!: DisputeActorResponse;

  @ApiProperty({ format: 'date-time', example: '2026-07-03T10:15:00.000Z' })
  opened_at!: string;

  @ApiProperty({ type: () => DisputeResolutionResponse, nullable: true, description: 'Null while the dispute is open.' })
  resolution!: DisputeResolutionResponse | null;

  @ApiProperty({ type: () => DisputeWithdrawalResponse, nullable: true, description: 'Set once the dispute was withdrawn; null otherwise.' })
  withdrawal!: DisputeWithdrawalResponse | null;
}

export class DisputeListResponse {
  @ApiProperty({ type: () => [DisputeResponse] })
  data!: DisputeResponse[];
}

export function disputeResponseOf(dispute: DisputeSnapshot): DisputeResponse {
  return {
    id: dispute.id,
    client_id: dispute.clientId,
    invoice_id: dispute.invoiceId,
    invoice_number: dispute.invoiceNumber,
    contract_id: dispute.contractId,
    currency: dispute.currency,
    amount_cents: dispute.amountCents,
    invoice_balance_cents: dispute.invoiceBalanceCents,
    whole_invoice: dispute.wholeInvoice,
    reason: dispute.reason,
    status: dispute.status,
    opened_by: { role: dispute.openedBy.role, subject: dispute.openedBy.subject },
    opened_at: dispute.openedAt.toISOString(),
    resolution: dispute.resolution
      ? {
          outcome: dispute.resolution.outcome,
          note: dispute.resolution.note,
          credit_amount_cents: dispute.resolution.creditAmountCents,
          resolved_by: { role: dispute.resolution.resolvedBy.role, subject: dispute.resolution.resolvedBy.subject },
          resolved_at: dispute.resolution.resolvedAt.toISOString(),
        }
      : null,
    withdrawal: dispute.withdrawal
      ? {
          note: dispute.withdrawal.note,
          withdrawn_by: { role: dispute.withdrawal.withdrawnBy.role, subject: dispute.withdrawal.withdrawnBy.subject },
          withdrawn_at: dispute.withdrawal.withdrawnAt.toISOString(),
        }
      : null,
  };
}
