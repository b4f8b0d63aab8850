import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import { type CollectionsCase, HOLD_KINDS, type HoldKind, PROMISE_STATUSES, type PromiseStatus } from '../../domain/case/case';
import { balancesData } from '../../application/events/case.events';
import { CASE_STATUSES, type CaseStatus } from '../../domain/case/case-status';

export class CaseInvoiceResponse {
  @ApiIdProperty('inv', 'The overdue invoice')
  invoice_id!: string;

  @ApiProperty({ example: 'INV-2026-000042' })
  invoice_number!: string;

  @ApiIdProperty('con', 'The contract it bills')
  contract_id!: string;

  @ApiProperty({ description: 'Lowercase ISO 4217.', pattern: '^[a-z]{3}$', example: 'usd' })
  currency!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'What was due when the invoice went overdue.', example: 1_050_000 })
  amount_due_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'What is still owed on it.', example: 550_000 })
  balance_cents!: number;

  @ApiProperty({ format: 'date', example: '2026-06-30' })
  due_date!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Days past the due date when invoicing announced the invoice overdue.', example: 1 })
  days_overdue!: number;

  @ApiProperty({ description: 'An open dispute: the invoice is left out of the letters and of what moves the ladder.', example: false })
  disputed!: boolean;
}

export class CaseBalanceResponse {
  @ApiProperty({ description: 'Lowercase ISO 4217.', pattern: '^[a-z]{3}$', example: 'usd' })
  currency!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'What is still owed in that currency (disputed invoices included).', example: 550_000 })
  balance_cents!: number;
}

export class CaseHoldResponse {
  @ApiProperty({ enum: HOLD_KINDS, example: 'promise', description: 'promise: until its date; payment_plan: while the plan holds; awaiting_decision: a stage waiting for a person.' })
  kind!: HoldKind;

  @ApiProperty({ format: 'date-time', example: '2026-07-13T10:00:00.000Z' })
  since!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-07-20', description: "The client's date it lasts until; null when an act lifts it." })
  until!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'ptp_01JX6Q8Z3Y2W0V9T7S5R4P3N2M', description: "The promise's or plan's id, or the stage waiting for a decision." })
  reference!: string | null;
}

export class PromiseToPayResponse {
  @ApiIdProperty('ptp', 'The promise')
  id!: string;

  @ApiProperty({ format: 'date', example: '2026-07-20', description: "The client's calendar date it promised to pay by." })
  promised_date!: string;

  @ApiProperty({ description: 'Lowercase ISO 4217.', pattern: '^[a-z]{3}$', example: 'usd' })
  currency!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 550_000 })
  amount_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Paid (or credited) in that currency since the promise.', example: 0 })
  paid_cents!: number;

  @ApiProperty({ enum: PROMISE_STATUSES, example: 'pending' })
  status!: PromiseStatus;

  @ApiProperty({ format: 'date-time', example: '2026-07-13T10:00:00.000Z' })
  recorded_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  resolved_at!: string | null;
}

/** To whom, why, by whom and when a case was handed to a collection agency. */
export class CaseHandOffResponse {
  @ApiProperty({ example: 'Northwind Recoveries' })
  agency!: string;

  @ApiProperty({ example: 'No answer after the final demand.' })
  reason!: string;

  @ApiProperty({ description: 'Who handed it off.' })
  handed_off_by!: string;

  @ApiProperty({ format: 'date-time' })
  handed_off_at!: string;
}

/** Who closed a case by hand (a write-off), and why. */
export class CaseClosureResponse {
  @ApiProperty({ description: 'Who wrote it off.' })
  closed_by!: string;

  @ApiProperty({ example: 'Agency returned the file as unrecoverable.' })
  reason!: string;
}

/** A client's collections case: opened by its first overdue invoice, closed when nothing is owed on its invoices. */
export class CaseResponse {
  @ApiIdProperty('case', 'The case')
  id!: string;

  @ApiIdProperty('cli', 'The client chased')
  client_id!: string;

  @ApiProperty({ enum: CASE_STATUSES, example: 'open' })
  status!: CaseStatus;

  @ApiProperty({
    description: 'The step of the dunning ladder the case is on (the ladder is configured: friendly_reminder, firm_notice, final_demand, ... by default).',
    pattern: '^[a-z][a-z0-9_]{0,63}$',
    example: 'friendly_reminder',
  })
  stage!: string;

  @ApiProperty({ format: 'date-time', example: '2026-07-01T06:00:00.000Z', description: 'When the case reached its stage.' })
  stage_entered_at!: string;

  @ApiProperty({ format: 'date-time', example: '2026-07-01T06:00:00.000Z' })
  opened_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  closed_at!: string | null;

  @ApiProperty({ type: () => [CaseBalanceResponse], description: 'What is still owed, per currency (never added across currencies), ordered by currency.' })
  balances!: CaseBalanceResponse[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-07-15T00:00:00.000Z', description: 'When the ladder moves the case next; null while held, closed, handed off, on the last stage or with only disputed invoices.' })
  next_stage_at!: string | null;

  @ApiProperty({ type: () => [CaseHoldResponse] })
  holds!: CaseHoldResponse[];

  @ApiProperty({ type: () => [PromiseToPayResponse], description: 'Its promises to pay, oldest first.' })
  promises!: PromiseToPayResponse[];

  @ApiProperty({ type: () => [CaseInvoiceResponse] })
  invoices!: CaseInvoiceResponse[];

  @ApiProperty({ type: () => CaseHandOffResponse, nullable: true, description: 'Set once the case is handed to a collection agency (status handed_off).' })
  hand_off!: CaseHandOffResponse | null;

  @ApiProperty({ type: () => CaseClosureResponse, nullable: true, description: 'Set when a person closed the case by writing it off.' })
  closure!: CaseClosureResponse | null;
}

export class CaseListResponse {
  @ApiProperty({ type: () => [CaseResponse] })
  data!: CaseResponse[];
}

export function caseResponseOf(collectionsCase: CollectionsCase): CaseResponse {
  const snapshot = collectionsCase.snapshot();
  return {
    id: snapshot.id,
    client_id: snapshot.clientId,
    status: snapshot.status,
    stage: snapshot.stage,
    stage_entered_at: snapshot.stageEnteredAt.toISOString(),
    opened_at: snapshot.openedAt.toISOString(),
    closed_at: snapshot.closedAt?.toISOString() ?? null,
    balances: balancesData(collectionsCase.balances()),
    next_stage_at: collectionsCase.nextStageAt()?.toISOString() ?? null,
    holds: snapshot.holds.map((hold) => ({ kind: hold.kind, since: hold.since.toISOString(), until: hold.until, reference: hold.reference })),
    promises: snapshot.promises.map((promise) => ({
      id: promise.id,
      promised_date: promise.promisedDate,
      currency: promise.currency,
      amount_cents: promise.amountCents,
      paid_cents: promise.paidCents,
      status: promise.status,
      recorded_at: promise.recordedAt.toISOString(),
      resolved_at: promise.resolvedAt?.toISOString() ?? null,
    })),
    invoices: snapshot.invoices.map((invoice) => ({
      invoice_id: invoice.invoiceId,
      invoice_number: invoice.invoiceNumber,
      contract_id: invoice.contractId,
      currency: invoice.currency,
      amount_due_cents: invoice.amountDueCents,
      balance_cents: invoice.balanceCents,
      due_date: invoice.dueDate,
      days_overdue: invoice.daysOverdue,
      disputed: invoice.disputed,
    })),
    hand_off: snapshot.handOff
      ? { agency: snapshot.handOff.agency, reason: snapshot.handOff.reason, handed_off_by: snapshot.handOff.by, handed_off_at: snapshot.handOff.at.toISOString() }
      : null,
    closure: snapshot.closure ? { closed_by: snapshot.closure.by, reason: snapshot.closure.reason } : null,
  };
}
