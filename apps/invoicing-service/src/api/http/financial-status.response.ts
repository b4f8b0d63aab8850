import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import type { FinancialStatusView } from '../../application/queries/financial-status.view';

/**
 * What a contract is worth, what has been billed, paid and is still owed, in minor units. Value and
 * unbilled are in schedule terms (before tax); billed, paid and outstanding are receivables, tax
 * included: unbilled = total_value − (billed − tax_billed) and outstanding = billed − paid − credited − written off.
 */
export class FinancialStatusResponse {
  @ApiIdProperty('con', 'The contract')
  contract_id!: string;

  @ApiIdProperty('cli', 'The client it bills')
  client_id!: string;

  @ApiProperty({ description: 'Lowercase ISO 4217.', pattern: '^[a-z]{3}$', example: 'usd' })
  currency!: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 3_000_000 })
  total_value_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Issued invoices, tax included.', example: 1_800_000 })
  billed_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'The tax in billed_cents.', example: 0 })
  tax_billed_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 750_000 })
  paid_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'What credit notes took off the billed invoices.', example: 0 })
  credited_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Balances written off as uncollectible.', example: 0 })
  written_off_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'billed − paid − credited − written off.', example: 1_050_000 })
  outstanding_cents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'What the schedule has yet to bill, before tax.', example: 1_200_000 })
  unbilled_cents!: number;
}

export function financialStatusResponseOf(status: FinancialStatusView): FinancialStatusResponse {
  return {
    contract_id: status.contractId,
    client_id: status.clientId,
    currency: status.currency,
    total_value_cents: status.totalValueCents,
    billed_cents: status.billedCents,
    tax_billed_cents: status.taxBilledCents,
    paid_cents: status.paidCents,
    credited_cents: status.creditedCents,
    written_off_cents: status.writtenOffCents,
    outstanding_cents: status.outstandingCents,
    unbilled_cents: status.unbilledCents,
  };
}
