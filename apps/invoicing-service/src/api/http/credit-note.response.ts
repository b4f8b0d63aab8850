import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import type { CreditNoteView } from '../../application/queries/credit-note.view';
import { balanceOf, type InvoiceSnapshot } from '../../domain/invoice/invoice';
import { INVOICE_STATUSES } from '../../domain/invoice/invoice-status';

export class CreditNoteLineResponse {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Position on the credit note.', example: 1 })
  line_number!: number;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The invoice line credited.', example: 1 })
  invoice_line_number!: number;

  @ApiProperty({ example: 'Milestone 2: Midway UI Prototype Sign-off' })
  description!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Net amount credited, before tax.', example: 50_000 })
  amount_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10_000, example: 800 })
  tax_rate_bps!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: "Tax credited: the line's tax on all credited so far less the tax already credited, each rounded half-even.",
    example: 4_000,
  })
  tax_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10_000, example: 0 })
  retainage_bps!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Retainage no longer withheld on what was credited.', example: 0 })
  retainage_cents!: number;
}

/** A credit note: its own document, CN-<year>-<6 digits>, taking back part or all of one issued invoice. */
export class CreditNoteResponse {
  @ApiIdProperty('cn', 'The credit note')
  id!: string;

  @ApiProperty({ description: "CN-<year>-<6 digits>, gapless per year of issue (the client's calendar).", example: 'CN-2026-000003' })
  number!: string;

  @ApiIdProperty('inv', 'The invoice credited')
  invoice_id!: string;

  @ApiProperty({ example: 'INV-2026-000042' })
  invoice_number!: string;

  @ApiProperty({ format: 'date', description: "The credited invoice's issue date.", example: '2026-05-28' })
  invoice_issue_date!: string;

  @ApiIdProperty('con', 'The contract the invoice bills')
  contract_id!: string;

  @ApiIdProperty('cli', 'The client credited')
  client_id!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Acme Corp' })
  client_name!: string | null;

  @ApiProperty({ example: 'Customer portal rebuild' })
  contract_title!: string;

  @ApiProperty({ type: String, nullable: true, example: 'PO-77812' })
  purchase_order_ref!: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, nullable: true, description: 'The milestone the credited invoice billed; null on a retainage release, which bills none.', example: 2 })
  milestone_index!: number | null;

  @ApiProperty({ description: 'Lowercase ISO 4217, the invoice currency.', pattern: '^[a-z]{3}$', example: 'usd' })
  currency!: string;

  @ApiProperty({ format: 'date', description: "The client's calendar date of issue.", example: '2026-06-05' })
  issue_date!: string;

  @ApiProperty({ example: 'Two prototype screens descoped by agreement.' })
  reason!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 50_000 })
  subtotal_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 4_000 })
  tax_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  retainage_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'subtotal + tax.', example: 54_000 })
  total_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: "What it took off the invoice's balance: total − retainage.", example: 54_000 })
  amount_credited_cents!: number;

  @ApiProperty({ format: 'date-time', example: '2026-06-05T12:00:00.000Z' })
  issued_at!: string;

  @ApiProperty({ type: () => [CreditNoteLineResponse] })
  lines!: CreditNoteLineResponse[];
}

export class CreditNoteListResponse {
  @ApiProperty({ type: () => [CreditNoteResponse] })
  data!: CreditNoteResponse[];
}

/** The credited invoice, as the credit note left it. */
export class CreditedInvoiceResponse {
  @ApiIdProperty('inv', 'The invoice')
  id!: string;

  @ApiProperty({ enum: INVOICE_STATUSES, description: 'open while something is owed; credited when credit notes took it all, paid when money had been received on it.', example: 'open' })
  status!: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 54_000 })
  amount_credited_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'The open balance left.', example: 756_000 })
  amount_due_cents!: number;
}

export class IssuedCreditNoteResponse extends CreditNoteResponse {
  @ApiProperty({ type: () => CreditedInvoiceResponse })
  invoice!: CreditedInvoiceResponse;
}

export function creditNoteResponseOf(creditNote: CreditNoteView): CreditNoteResponse {
  return {
    id: creditNote.id,
    number: creditNote.number,
    invoice_id: creditNote.invoiceId,
    invoice_number: creditNote.invoiceNumber,
    invoice_issue_date: creditNote.invoiceIssueDate,
    contract_id: creditNote.contractId,
    client_id: creditNote.clientId,
    client_name: creditNote.clientName,
    contract_title: creditNote.contractTitle,
    purchase_order_ref: creditNote.purchaseOrderRef,
    milestone_index: creditNote.milestoneIndex,
    currency: creditNote.currency,
    issue_date: creditNote.issueDate,
    reason: creditNote.reason,
    subtotal_cents: creditNote.subtotalCents,
    tax_cents: creditNote.taxCents,
    retainage_cents: creditNote.retainageCents,
    total_cents: creditNote.totalCents,
    amount_credited_cents: creditNote.amountCreditedCents,
    issued_at: creditNote.issuedAt,
    lines: creditNote.lines.map((line) => ({
      line_number: line.lineNumber,
      invoice_line_number: line.invoiceLineNumber,
      description: line.description,
      amount_cents: line.amountCents,
      tax_rate_bps: line.taxRateBps,
      tax_cents: line.taxCents,
      retainage_bps: line.retainageBps,
      retainage_cents: line.retainageCents,
    })),
  };
}

export function issuedCreditNoteResponseOf({ creditNote, invoice }: { creditNote: CreditNoteView; invoice: InvoiceSnapshot }): IssuedCreditNoteResponse {
  return {
    ...creditNoteResponseOf(creditNote),
    invoice: { id: invoice.id, status: invoice.status, amount_credited_cents: invoice.amountCreditedCents, amount_due_cents: balanceOf(invoice) },
  };
}
