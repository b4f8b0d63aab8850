import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import { CaseSnapshot } from '../../domain/case/case';
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

  @ApiProperty({ format: 'date-time', example: '2026-07-01T06:00:00.000Z' })
  opened_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  closed_at!: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'What is still owed on all its invoices.', example: 550_000 })
  balance_cents!: number;

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

export function caseResponseOf(snapshot: CaseSnapshot): CaseResponse {
  return {
    id: snapshot.id,
    client_id: snapshot.clientId,
    status: snapshot.status,
    stage: snapshot.stage,
    opened_at: snapshot.openedAt.toISOString(),
    closed_at: snapshot.closedAt?.toISOString() ?? null,
    balance_cents: snapshot.invoices.reduce((total, invoice) => total + invoice.balanceCents, 0),
    invoices: snapshot.invoices.map((invoice) => ({
      invoice_id: invoice.invoiceId,
      invoice_number: invoice.invoiceNumber,
      contract_id: invoice.contractId,
      currency: invoice.currency,
      amount_due_cents: invoice.amountDueCents,
      balance_cents: invoice.balanceCents,
      due_date: invoice.dueDate,
      days_overdue: invoice.daysOverdue,
    })),
    hand_off: snapshot.handOff
      ? { agency: snapshot.handOff.agency, reason: snapshot.handOff.reason, handed_off_by: snapshot.handOff.by, handed_off_at: snapshot.handOff.at.toISOString() }
      : null,
    closure: snapshot.closure ? { closed_by: snapshot.closure.by, reason: snapshot.closure.reason } : null,
  };
}
