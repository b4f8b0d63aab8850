import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import { PAYMENT_PLAN_STATUSES, type PaymentPlanSnapshot, type PaymentPlanStatus } from '../../domain/payment-plan/payment-plan';

export class PaymentPlanInstalmentResponse {
  @ApiProperty({ type: 'integer', minimum: 0, description: '0 for the down payment, then the instalments from 1.', example: 1 })
  instalment_index!: number;

  @ApiProperty({ enum: ['down_payment', 'instalment'], example: 'instalment' })
  kind!: 'down_payment' | 'instalment';

  @ApiProperty({ format: 'date', example: '2026-08-15' })
  due_date!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 336_250 })
  amount_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Paid towards it so far.', example: 0 })
  paid_cents!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was paid in full.', example: null })
  paid_at!: string | null;
}

export class PaymentPlanInvoiceResponse {
  @ApiIdProperty('inv', 'An invoice the plan covers')
  invoice_id!: string;

  @ApiProperty({ example: 'INV-2026-000042' })
  invoice_number!: string;

  @ApiIdProperty('con', 'The contract it bills')
  contract_id!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Its balance the plan took on.', example: 772_500 })
  amount_cents!: number;
}

/** A payment plan for a case's overdue balance in one currency. */
export class PaymentPlanResponse {
  @ApiIdProperty('plan', 'The payment plan')
  id!: string;

  @ApiIdProperty('case', 'The case whose balance it covers')
  case_id!: string;

  @ApiIdProperty('cli', 'The client')
  client_id!: string;

  @ApiProperty({
    enum: PAYMENT_PLAN_STATUSES,
    description:
      'proposed: put to the client, holding nothing until it accepts; agreed: dunning holds while it is kept; completed: all paid; broken: an instalment was missed; superseded: a newer proposal replaced it before it was accepted.',
    example: 'agreed',
  })
  status!: PaymentPlanStatus;

  @ApiProperty({ pattern: '^[a-z]{3}$', example: 'usd' })
  currency!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'What it splits; the instalments add up to it exactly.', example: 772_500 })
  total_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Paid under the plan so far.', example: 100_000 })
  paid_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 5 })
  grace_days!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 3 })
  reminder_days_before!: number;

  @ApiProperty({ example: 'America/Los_Angeles' })
  time_zone!: string;

  @ApiProperty({ format: 'date-time', description: 'When it was proposed; for a plan agreed at once, when it was agreed.', example: '2026-07-14T10:00:00.000Z' })
  proposed_at!: string;

  @ApiProperty({ description: 'Who proposed it (the caller); for a plan agreed at once, who agreed it.', example: 'usr_finance_1' })
  proposed_by!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: "Proposed only: the last day it may be accepted (its first payment's due date, in the client's time zone); null otherwise.", example: null })
  accept_by!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was agreed; null while proposed, and for a superseded proposal.', example: '2026-07-15T13:45:00.000Z' })
  agreed_at!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Who agreed it: the caller who agreed it at once, or who accepted the proposal (the client, or staff on its behalf); null while proposed.', example: 'usr_finance_1' })
  agreed_by!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it completed, broke or was superseded.', example: null })
  ended_at!: string | null;

  @ApiProperty({ type: () => [PaymentPlanInstalmentResponse], description: 'In due-date order, the down payment first.' })
  instalments!: PaymentPlanInstalmentResponse[];

  @ApiProperty({ type: () => [PaymentPlanInvoiceResponse] })
  invoices!: PaymentPlanInvoiceResponse[];
}

export class PaymentPlanListResponse {
  @ApiProperty({ type: () => [PaymentPlanResponse] })
  data!: PaymentPlanResponse[];
}

export function paymentPlanResponseOf(plan: PaymentPlanSnapshot): PaymentPlanResponse {
  return {
    id: plan.id,
    case_id: plan.caseId,
    client_id: plan.clientId,
    status: plan.status,
    currency: plan.currency,
    total_cents: plan.totalCents,
    paid_cents: plan.instalments.reduce((sum, instalment) => sum + instalment.paidCents, 0),
    grace_days: plan.graceDays,
    reminder_days_before: plan.reminderDaysBefore,
    time_zone: plan.timeZone,
    proposed_at: plan.proposedAt.toISOString(),
    proposed_by: plan.proposedBy,
    accept_by: plan.status === 'proposed' ? plan.instalments[0].dueDate : null,
    agreed_at: plan.agreedAt?.toISOString() ?? null,
    agreed_by: plan.agreedBy,
    ended_at: plan.endedAt?.toISOString() ?? null,
    instalments: plan.instalments.map((instalment) => ({
      instalment_index: instalment.number,
      kind: instalment.kind,
      due_date: instalment.dueDate,
      amount_cents: instalment.amountCents,
      paid_cents: instalment.paidCents,
      paid_at: instalment.paidAt?.toISOString() ?? null,
    })),
    invoices: plan.invoices.map((invoice) => ({
      invoice_id: invoice.invoiceId,
      invoice_number: invoice.invoiceNumber,
      contract_id: invoice.contractId,
      amount_cents: invoice.amountCents,
    })),
  };
}
