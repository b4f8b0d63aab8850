import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { MAX_AMOUNT_CENTS } from '@mb/money';
import { ApiProperty } from '@nestjs/swagger';
import { prefixedIdPattern } from '@mb/events';
import { IsPrefixedId } from '@mb/platform';
import { DomainRejection } from '@mb/kernel';
import type { RecordPaymentCommand } from '../../application/record-payment/record-payment.handler';
import { PAYMENT_METHODS, type PaymentMethod } from '../../domain/payment/payment';

/** Part of the payment to apply to one invoice. */
export class PaymentAllocationDto {
  @IsPrefixedId('inv', 'an invoice id')
  invoice_id!: string;

  /** At most the invoice's open balance. */
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
  amount_cents!: number;
}

export class RecordPaymentDto {
  /** The client who paid; optional when the payment names an invoice (it is then that invoice's client). */
  @IsOptional()
  @IsPrefixedId('cli', 'a client id')
  client_id?: string;

  /**
   * One invoice to pay: it takes up to its open balance and the rest becomes the client's credit.
   * Excludes `allocations`; with neither, the payment goes to the client's open invoices oldest first.
   */
  @IsOptional()
  @IsPrefixedId('inv', 'an invoice id')
  invoice_id?: string;

  /** Explicit allocation: invoice and amount, each at most the invoice's balance, adding up to at most the payment. */
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => PaymentAllocationDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  allocations?: PaymentAllocationDto[];

  /** Minor units of the currency, a whole positive number. */
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
  amount_cents!: number;

  @Matches(/^[a-z]{3}$/, { message: 'currency must be a lowercase ISO 4217 code (usd)' })
  currency!: string;

  /** The value date, in the client's time zone; not in the future; today when left out. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'received_on must be a calendar date YYYY-MM-DD' })
  received_on?: string;

  /** How the money was paid; `other` when left out. */
  @IsOptional()
  @IsIn(PAYMENT_METHODS)
  method?: PaymentMethod;

  /** The payer's or bank's reference (a bank transfer reference, a cheque number); the same one twice for a client is refused. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  external_reference?: string;

  /** Deprecated: the name `external_reference` had before issue 10; taken when `external_reference` is absent. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference?: string;
}

export class RecordRefundDto {
  @IsPrefixedId('cli', 'a client id')
  client_id!: string;

  /** Minor units, at most the client's unapplied credit in the currency. */
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
  amount_cents!: number;

  @Matches(/^[a-z]{3}$/, { message: 'currency must be a lowercase ISO 4217 code (usd)' })
  currency!: string;

  /** When the money went back, in the client's time zone; not in the future; today when left out. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'refunded_on must be a calendar date YYYY-MM-DD' })
  refunded_on?: string;

  /** How the money went back; `other` when left out. */
  @IsOptional()
  @IsIn(PAYMENT_METHODS)
  method?: PaymentMethod;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  external_reference?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

export class ListPaymentsQueryDto {
  @ApiProperty({ required: false, type: String, pattern: prefixedIdPattern('cli'), description: "Only this client's payments (a client caller sees only its own anyway)." })
  @IsOptional()
  @IsPrefixedId('cli', 'a client id')
  client_id?: string;

  @ApiProperty({ required: false, type: String, pattern: prefixedIdPattern('inv'), description: 'Only payments with an allocation to this invoice.' })
  @IsOptional()
  @IsPrefixedId('inv', 'an invoice id')
  invoice_id?: string;

  @ApiProperty({ required: false, type: String, pattern: prefixedIdPattern('pay'), maxLength: 68, description: 'The next_cursor of the page before; the first page without it.' })
  @IsOptional()
  @IsPrefixedId('pay', 'a cursor (next_cursor of the page before)')
  cursor?: string;

  @ApiProperty({ required: false, type: 'integer', minimum: 1, maximum: 200, default: 50, description: 'Payments per page.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** The use case's command from a validated request, REST or gRPC alike. */
export function recordPaymentCommandOf(body: RecordPaymentDto): RecordPaymentCommand {
  if (body.invoice_id !== undefined && body.allocations !== undefined) {
    throw new DomainRejection('invalid', 'payment.allocation_ambiguous', 'name either one invoice_id or allocations, not both', 'allocations');
  }
  return {
    clientId: body.client_id ?? null,
    invoiceId: body.invoice_id ?? null,
    allocations: body.allocations?.map((part) => ({ invoiceId: part.invoice_id, amountCents: part.amount_cents })) ?? null,
    amountCents: body.amount_cents,
    currency: body.currency,
    receivedOn: body.received_on ?? null,
    method: body.method ?? 'other',
    externalReference: body.external_reference ?? body.reference ?? null,
  };
}
