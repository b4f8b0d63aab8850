import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import type { FinancialStatusView } from '../../application/queries/financial-status.view';

/**
 * What a contract is worth and where every billed amount stands, in minor units. Value, unbilled
 * and cancelled are in schedule terms (before tax); billed, retained, released, paid, credited,
 * written off and outstanding are receivables, tax included. They reconcile:
 * billed = retained + paid + credited + written off + outstanding, where paid, credited, written off
 * and outstanding count the retainage releases too (a release bills what was retained).
 */
export class FinancialStatusResponse {
  @ApiIdProperty('con', 'The contract')
  contract_id!: string;

  @ApiIdProperty('cli', 'The client it bills')
  client_id!: string;

  @ApiProperty({ description: 'Lowercase ISO 4217.', pattern: '^[a-z]{3}$', example: 'usd' })
  currency!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'The contract value at activation, before tax.', example: 3_000_000 })
  total_value_cents!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'What the standing milestone invoices billed (issued and not voided: open, paid, credited or uncollectible), tax included (their totals, retainage included). Retainage releases are not billed again here: see released_cents.',
    example: 1_800_000,
  })
  billed_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'The tax in billed_cents.', example: 0 })
  tax_billed_cents!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Retainage withheld on the standing milestone invoices and still held: not released yet, not given back by a credit note, not given up with a write-off. Billed but not asked for. It is released (billed by a retainage_release invoice) when the last milestone is billed, or on retainage_release_date.',
    example: 90_000,
  })
  retained_cents!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Withheld retainage billed since by the standing retainage_release invoices (their totals: no tax is charged again, it was charged on the original lines).',
    example: 0,
  })
  released_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Payments applied to the standing invoices (the client\'s credit applied at issue included), retainage releases included.', example: 750_000 })
  paid_cents!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description:
      'What credit notes took back from the standing invoices (their totals): what they took off the balances (the invoices\' amount_credited_cents) and the retainage their lines gave back, which is no longer held and never released.',
    example: 0,
  })
  credited_cents!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description:
      'Given up: the balances written off as uncollectible (the invoices\' amount_written_off_cents), and the retainage of those invoices not released before the write-off (it is not released after it).',
    example: 0,
  })
  written_off_cents!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'The open balances of the open invoices, retainage releases included (each payable − paid − credited). billed = retained + paid + credited + written_off + outstanding.',
    example: 960_000,
  })
  outstanding_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'What the schedule has yet to bill, before tax: the milestones still drafts. Cancelled milestones are not in it.', example: 1_200_000 })
  unbilled_cents!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description:
      'Never to be billed, before tax: milestones cancelled before they were billed (their drafts discarded), and what a termination left unbilled of a milestone it billed for an agreed share only. ' +
      'For a schedule never amended, total_value = billed − tax_billed + unbilled + cancelled.',
    example: 0,
  })
  cancelled_cents!: number;

  @ApiProperty({
    description:
      'Nothing is left to bill (unbilled_cents 0) and every cent of the value is billed or cancelled: billed − tax_billed + cancelled = total_value. ' +
      'Where a termination leaves the contract once its settlement is invoiced, or a contract billed in full.',
    example: false,
  })
  balanced!: boolean;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: "The contract's retainage release date (the client's calendar); null when it set none.", example: null })
  retainage_release_date!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the contract was terminated; null while it stands.', example: null })
  terminated_at!: string | null;
}

export function financialStatusResponseOf(status: FinancialStatusView): FinancialStatusResponse {
  return {
    contract_id: status.contractId,
    client_id: status.clientId,
    currency: status.currency,
    total_value_cents: status.totalValueCents,
    billed_cents: status.billedCents,
    tax_billed_cents: status.taxBilledCents,
    retained_cents: status.retainedCents,
    released_cents: status.releasedCents,
    paid_cents: status.paidCents,
    credited_cents: status.creditedCents,
    written_off_cents: status.writtenOffCents,
    outstanding_cents: status.outstandingCents,
    unbilled_cents: status.unbilledCents,
    cancelled_cents: status.cancelledCents,
    balanced: status.balanced,
    retainage_release_date: status.retainageReleaseDate,
    terminated_at: status.terminatedAt,
  };
}
