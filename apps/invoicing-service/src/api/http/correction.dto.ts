import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { MAX_AMOUNT_CENTS } from '@mb/money';
import { IsPrefixedId } from '@mb/platform';
import { CREDIT_NOTE_REASON_MAX_LENGTH, type CreditScope } from '../../domain/credit-note/credit-note';
import { CreditNoteErrors } from '../../domain/credit-note/credit-note.errors';
import { CLOSING_REASON_MAX_LENGTH } from '../../domain/invoice/invoice';

/** Why an invoice is voided or written off: required, in words, bounded. */
export class CloseInvoiceDto {
  @IsString()
  @MinLength(1)
  @MaxLength(CLOSING_REASON_MAX_LENGTH)
  reason!: string;
}

/** gRPC carries the invoice id in a field, where REST has it in the path. */
export class CloseInvoiceRequestDto extends CloseInvoiceDto {
  @IsPrefixedId('inv', 'an invoice id')
  invoice_id!: string;
}

export class CreditNoteLineDto {
  /** The invoice line to credit. */
  @IsInt()
  @Min(1)
  line_number!: number;

  /** Net amount to credit on the line, before tax, in minor units. */
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
  amount_cents!: number;
}

/**
 * A credit note against one open invoice: give exactly one of `full: true` (everything left on
 * the invoice), `lines` (net amounts per invoice line) or `amount_cents` (a net amount spread over
 * the lines by what each has left). Tax is added per line at the invoice's rate.
 */
export class IssueCreditNoteDto {
  @IsPrefixedId('inv', 'an invoice id')
  invoice_id!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(CREDIT_NOTE_REASON_MAX_LENGTH)
  reason!: string;

  @IsOptional()
  @Equals(true)
  full?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CreditNoteLineDto)
  lines?: CreditNoteLineDto[];

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
  amount_cents?: number;
}

/** What the request asks to credit; more or fewer than one way is `credit_note.scope_required`. */
export function creditScopeOf(body: Pick<IssueCreditNoteDto, 'full' | 'lines' | 'amount_cents'>): CreditScope {
  const given = [body.full === true, body.lines !== undefined && body.lines !== null && body.lines.length > 0, typeof body.amount_cents === 'number' && body.amount_cents > 0].filter(Boolean);
  if (given.length !== 1) throw CreditNoteErrors.oneScope();
  if (body.full === true) return { kind: 'full' };
  if (body.lines && body.lines.length > 0) return { kind: 'lines', lines: body.lines.map((line) => ({ lineNumber: line.line_number, amountCents: line.amount_cents })) };
  return { kind: 'amount', amountCents: body.amount_cents as number };
}
