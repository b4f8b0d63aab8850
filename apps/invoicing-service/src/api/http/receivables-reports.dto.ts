import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsPrefixedId } from '@mb/platform';
import { ApiOptionalIdProperty, CURSOR_PATTERN, IsCalendarDateParam } from './list-invoices.dto';

export const REPORT_FORMATS = ['json', 'csv'] as const;

export const UNBILLED_PAGE_LIMIT = { default: 100, max: 500 } as const;

/** What every receivables report takes: a client, a currency, and JSON or CSV. */
export class ReportScopeQueryDto {
  @ApiOptionalIdProperty('cli', "Only this client's receivables")
  @IsOptional()
  @IsPrefixedId('cli', 'a client id')
  client_id?: string;

  @ApiPropertyOptional({ description: 'Only this currency (lowercase ISO 4217).', pattern: '^[a-z]{3}$', example: 'usd' })
  @IsOptional()
  @Matches(/^[a-z]{3}$/, { message: 'currency must be a lowercase ISO 4217 code (usd)' })
  currency?: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'csv: the report as an RFC 4180 file (as `Accept: text/csv` asks); json by default.' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: (typeof REPORT_FORMATS)[number];
}

export class AgingQueryDto extends ReportScopeQueryDto {
  @ApiPropertyOptional({ type: String, format: 'date', description: "Age as of this date (in every client's calendar); default: today in each client's own time zone.", example: '2026-06-30' })
  @IsOptional()
  @IsCalendarDateParam('as_of')
  as_of?: string;
}

export class CollectionRatiosQueryDto extends ReportScopeQueryDto {
  @ApiPropertyOptional({ type: String, format: 'date', description: 'First day of the period; default: 89 days before `to` (a 90-day period).', example: '2026-04-01' })
  @IsOptional()
  @IsCalendarDateParam('from')
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Last day of the period (included); default: today (UTC).', example: '2026-06-29' })
  @IsOptional()
  @IsCalendarDateParam('to')
  to?: string;
}

export class UnbilledQueryDto extends ReportScopeQueryDto {
  @ApiPropertyOptional({ description: 'next_cursor of the page before; absent for the first page.', pattern: CURSOR_PATTERN, maxLength: 200 })
  @IsOptional()
  @MaxLength(200)
  @Matches(new RegExp(CURSOR_PATTERN), { message: 'cursor must be a next_cursor this API returned' })
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: UNBILLED_PAGE_LIMIT.max, default: UNBILLED_PAGE_LIMIT.default, description: 'Contracts per page.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(UNBILLED_PAGE_LIMIT.max)
  limit?: number;
}

export class CashForecastQueryDto extends ReportScopeQueryDto {
  @ApiPropertyOptional({ type: String, format: 'date', description: 'The forecast starts with the ISO week of this date; default: today (UTC).', example: '2026-12-04' })
  @IsOptional()
  @IsCalendarDateParam('as_of')
  as_of?: string;
}
