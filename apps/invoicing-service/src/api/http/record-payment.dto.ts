import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_AMOUNT_CENTS } from '@mb/money';
import { IsPrefixedId } from '@mb/platform';

export class RecordPaymentDto {
  @IsPrefixedId('inv', 'an invoice id')
  invoice_id!: string;

  /** Minor units of the currency, a whole positive number. */
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
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
