import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import type { InvoiceView } from '../../application/queries/invoice.view';
import { INVOICE_KINDS } from '../../domain/invoice/invoice';
import { INVOICE_STATUSES } from '../../domain/invoice/invoice-status';

export class InvoiceLineResponse {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  line_number!: number;

  @ApiProperty({ example: 'Milestone 2: UI Prototype' })
  description!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Net amount of the line.', example: 1_050_000 })
  amount_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10_000, example: 2000 })
  tax_rate_bps!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'The line tax, rounded half-even on the line.', example: 210_000 })
  tax_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10_000, example: 500 })
  retainage_bps!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Withheld until final acceptance, rounded half-even on the line.', example: 52_500 })
  retainage_cents!: number;
}

export class ReleasedRetainageResponse {
  @ApiIdProperty('inv', 'The invoice whose retainage is released')
  invoice_id!: string;

  @ApiProperty({ example: 'INV-2026-000042' })
  invoice_number!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The retainage withheld on it, billed by this release.', example: 52_500 })
  retainage_cents!: number;
}

/** How to pay an issued invoice: the same account and reference its PDF and e-invoice (UBL) give. */
export class PaymentInstructionsResponse {
  @ApiProperty({ enum: ['bank_transfer'], example: 'bank_transfer' })
  method!: 'bank_transfer';

  @ApiProperty({ description: "The account holder (EN 16931 BT-85): the seller's configured account name, else its legal name.", example: 'Milestone Works GmbH' })
  account_name!: string;

  @ApiProperty({ description: 'An IBAN, or an account number where IBANs are not used (BT-84).', example: 'DE89370400440532013000' })
  account!: string;

  @ApiProperty({ description: 'What to quote with the payment (BT-83): the invoice number.', example: 'INV-2026-000042' })
  remittance_reference!: string;
}

/**
 * An invoice: one per milestone, a draft (no number, no dates) from the contract's activation, open
 * once issued; then paid when nothing is owed and money was received, credited when credit notes
 * took it all, void when withdrawn before anything was paid or credited, uncollectible when its
 * balance was written off; a draft is discarded if its milestone is cancelled first. Or a retainage
 * release, billing what earlier invoices withheld. Amounts are in minor units of `currency`.
 */
export class InvoiceResponse {
  @ApiIdProperty('inv', 'The invoice')
  id!: string;

  @ApiProperty({ type: String, nullable: true, description: 'INV-<year>-<6 digits>, gapless per year of issue; null for a draft.', example: 'INV-2026-000042' })
  number!: string | null;

  @ApiProperty({ enum: INVOICE_STATUSES, description: 'Overdue is no status: see `overdue`. `discarded`: the draft of a milestone cancelled before it was billed (on its own or by the contract\'s termination); never numbered, never owed.', example: 'open' })
  status!: string;

  @ApiIdProperty('con', 'The contract it bills')
  contract_id!: string;

  @ApiIdProperty('cli', 'The client billed')
  client_id!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Acme Corp' })
  client_name!: string | null;

  @ApiProperty({
    enum: INVOICE_KINDS,
    description:
      "What the invoice bills: `milestone`, one milestone of the schedule; `retainage_release`, the retainage withheld on the contract's earlier invoices (listed in `released_invoices`, one line each), issued when the last milestone is billed or on the contract's retainage release date.",
    example: 'milestone',
  })
  kind!: string;

  @ApiProperty({ type: 'integer', minimum: 1, nullable: true, description: 'The milestone billed; null on a retainage release.', example: 2 })
  milestone_index!: number | null;

  @ApiIdProperty('ms', 'The milestone billed, once known (set at issue)', { nullable: true })
  milestone_id!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Null on a retainage release.', example: 'UI Prototype' })
  milestone_title!: string | null;

  @ApiProperty({ example: 'Customer portal rebuild' })
  contract_title!: string;

  @ApiProperty({ type: String, nullable: true, example: 'PO-2026-0142' })
  purchase_order_ref!: string | null;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description:
      "The version of the contract's payment schedule the invoice is billed under (change orders add versions): a draft's is the version it was prepared or last revised under, and an issued invoice keeps the one it was issued under.",
    example: 2,
  })
  schedule_version!: number;

  @ApiProperty({ description: 'Lowercase ISO 4217.', pattern: '^[a-z]{3}$', example: 'usd' })
  currency!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Sum of the line amounts (EN 16931 BT-106).', example: 1_050_000 })
  subtotal_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Sum of the rounded line taxes (BT-110).', example: 210_000 })
  tax_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Sum of the rounded line retainages.', example: 52_500 })
  retainage_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'subtotal + tax (BT-112).', example: 1_260_000 })
  total_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  amount_paid_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'What credit notes took off the balance.', example: 0 })
  amount_credited_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'The open balance given up when it was written off (uncollectible).', example: 0 })
  amount_written_off_cents!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'The open balance: total − retainage − paid − credited; 0 once void or uncollectible.',
    example: 1_207_500,
  })
  amount_due_cents!: number;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Null for a draft.', example: '2026-06-15' })
  issue_date!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: "issue_date + the contract's net days; null for a draft.", example: '2026-06-30' })
  due_date!: string | null;

  @ApiProperty({ description: 'Open and past its due date.', example: false })
  overdue!: boolean;

  @ApiProperty({
    description: "A dispute of it (collections' `POST /v1/invoices/{invoiceId}/disputes`) is open: reminders and dunning leave it alone until it is resolved.",
    example: false,
  })
  in_dispute!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  paid_at!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was credited in full, voided or written off.', example: null })
  closed_at!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why it was voided or written off.', example: null })
  closing_reason!: string | null;

  @ApiProperty({
    type: () => PaymentInstructionsResponse,
    nullable: true,
    description: 'How to pay it, as its PDF and e-invoice print it; null while it is a draft (or a discarded one), which has no number to quote.',
  })
  payment_instructions!: PaymentInstructionsResponse | null;

  @ApiProperty({ type: () => [InvoiceLineResponse] })
  lines!: InvoiceLineResponse[];

  @ApiProperty({
    type: () => [ReleasedRetainageResponse],
    description: 'On a retainage release, the invoices whose retainage it bills (each once); empty on a milestone invoice.',
  })
  released_invoices!: ReleasedRetainageResponse[];
}

export class InvoiceListResponse {
  @ApiProperty({ type: () => [InvoiceResponse], description: 'A page of invoices, by contract (oldest first), then milestone index.' })
  data!: InvoiceResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.', example: 'eyJhZnRlciI6Imludl8wMUoifQ' })
  next_cursor!: string | null;
}

export function invoiceResponseOf(invoice: InvoiceView): InvoiceResponse {
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    contract_id: invoice.contractId,
    client_id: invoice.clientId,
    client_name: invoice.clientName,
    kind: invoice.kind,
    milestone_index: invoice.milestoneIndex,
    milestone_id: invoice.milestoneId,
    milestone_title: invoice.milestoneTitle,
    contract_title: invoice.contractTitle,
    purchase_order_ref: invoice.purchaseOrderRef,
    schedule_version: invoice.scheduleVersion,
    currency: invoice.currency,
    subtotal_cents: invoice.subtotalCents,
    tax_cents: invoice.taxCents,
    retainage_cents: invoice.retainageCents,
    total_cents: invoice.totalCents,
    amount_paid_cents: invoice.amountPaidCents,
    amount_credited_cents: invoice.amountCreditedCents,
    amount_written_off_cents: invoice.amountWrittenOffCents,
    amount_due_cents: invoice.amountDueCents,
    issue_date: invoice.issueDate,
    due_date: invoice.dueDate,
    overdue: invoice.overdue,
    in_dispute: invoice.inDispute,
    paid_at: invoice.paidAt,
    closed_at: invoice.closedAt,
    closing_reason: invoice.closingReason,
    payment_instructions: invoice.paymentInstructions
      ? {
          method: invoice.paymentInstructions.method,
          account_name: invoice.paymentInstructions.accountName,
          account: invoice.paymentInstructions.account,
          remittance_reference: invoice.paymentInstructions.remittanceReference,
        }
      : null,
    lines: invoice.lines.map((line) => ({
      line_number: line.lineNumber,
      description: line.description,
      amount_cents: line.amountCents,
      tax_rate_bps: line.taxRateBps,
      tax_cents: line.taxCents,
      retainage_bps: line.retainageBps,
      retainage_cents: line.retainageCents,
    })),
    released_invoices: invoice.releasedInvoices.map((released) => ({
      invoice_id: released.invoiceId,
      invoice_number: released.invoiceNumber,
      retainage_cents: released.retainageCents,
    })),
  };
}
