import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { prefixedIdPattern, prefixedIdRule } from '@mb/events';
import { IsPrefixedId } from '@mb/platform';
import { INVOICE_PAGE_LIMIT } from '../../application/queries/invoice-list.queries';
import { INVOICE_STATUSES } from '../../domain/invoice/invoice-status';

/** A calendar date in a query: YYYY-MM-DD, a real date. */
export function IsCalendarDateParam(field: string): PropertyDecorator {
  return (target, property) => {
    IsISO8601({ strict: true })(target, property);
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: `${field} must be a calendar date YYYY-MM-DD` })(target, property);
  };
}

/** An optional prefixed id in a query (a filter), documented as ApiIdProperty documents ids. */
export function ApiOptionalIdProperty(prefix: string, description: string): PropertyDecorator {
  return ApiPropertyOptional({ type: String, description: `${description}: ${prefixedIdRule(prefix)}.`, pattern: prefixedIdPattern(prefix), example: `${prefix}_01JX6Q8Z3Y2W0V9T7S5R4P3N2M` });
}

/** An opaque page cursor: base64url, as next_cursor gave it. */
export const CURSOR_PATTERN = '^[A-Za-z0-9_-]{1,200}$';

/**
 * GET /v1/invoices's query: every filter optional and combined (AND), in one stable order (by
 * contract, then milestone index), a page at a time. A client-role caller sees its own client's invoices only.
 */
export class ListInvoicesQueryDto {
  @ApiOptionalIdProperty('con', "Only this contract's invoices")
  @IsOptional()
  @IsPrefixedId('con', 'a contract id')
  contract_id?: string;

  @ApiOptionalIdProperty('cli', "Only this client's invoices")
  @IsOptional()
  @IsPrefixedId('cli', 'a client id')
  client_id?: string;

  @ApiPropertyOptional({ enum: INVOICE_STATUSES, description: 'Only invoices in this status.' })
  @IsOptional()
  @IsIn(INVOICE_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Only invoices in this currency (lowercase ISO 4217).', pattern: '^[a-z]{3}$', example: 'usd' })
  @IsOptional()
  @Matches(/^[a-z]{3}$/, { message: 'currency must be a lowercase ISO 4217 code (usd)' })
  currency?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Only invoices due on or after this date.', example: '2026-06-01' })
  @IsOptional()
  @IsCalendarDateParam('due_from')
  due_from?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Only invoices due on or before this date.', example: '2026-06-30' })
  @IsOptional()
  @IsCalendarDateParam('due_to')
  due_to?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: "true: only open invoices past their due date by the client's calendar now; false: all others." })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'next_cursor of the page before; absent for the first page.', pattern: CURSOR_PATTERN, maxLength: 200 })
  @IsOptional()
  @MaxLength(200)
  @Matches(new RegExp(CURSOR_PATTERN), { message: 'cursor must be a next_cursor this API returned' })
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: INVOICE_PAGE_LIMIT.max, default: INVOICE_PAGE_LIMIT.default, description: 'Invoices per page.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INVOICE_PAGE_LIMIT.max)
  limit?: number;
}

/** A page of a list: what follows is fetched with `cursor=<next_cursor>`, until it is null. */
export class PageInfo {
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.', example: 'eyJhZnRlciI6Imludl8wMUoifQ' })
  next_cursor!: string | null;
}
