import { IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';

export class RecordPaymentDto {
  @Matches(/^inv_[0-9A-Za-z]{1,64}$/, { message: 'invoice_id must be an invoice id (inv_...)' })
  invoice_id!: string;

  /** Minor units of the currency, a whole positive number. */
  @IsInt()
  @Min(1)
  amount_cents!: number;

  @Matches(/^[a-z]{3}$/, { message: 'currency must be a lowercase ISO 4217 code (usd)' })
  currency!: string;

  /** The payer's reference: a bank transfer reference, a cheque number. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference?: string;
}

export class ListInvoicesQueryDto {
  @Matches(/^con_[0-9A-Za-z]{1,64}$/, { message: 'contract_id must be a contract id (con_...)' })
  contract_id!: string;
}
