import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_AMOUNT_CENTS } from '@mb/money';
import { prefixedIdPattern, prefixedIdRule } from '@mb/events';
import { IsPrefixedId } from '@mb/platform';
import { DISPUTE_NOTE_MAX_LENGTH, DISPUTE_OUTCOMES, DISPUTE_REASON_MAX_LENGTH, DISPUTE_STATUSES, type DisputeOutcome, type DisputeStatus } from '../../domain/dispute/dispute';

/** A dispute of an invoice: in whole (no amount) or in part (`amount_cents`), with the client's reason. */
export class OpenDisputeDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_AMOUNT_CENTS,
    description: "The part of the invoice's open balance disputed, in minor units; absent: the whole open balance.",
    example: 150_000,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
  amount_cents?: number;

  @ApiProperty({ description: 'Why the invoice is disputed, in words the client and finance read.', minLength: 1, maxLength: DISPUTE_REASON_MAX_LENGTH, example: 'The prototype review took two days, not the five billed.' })
  @IsString()
  @MinLength(1)
  @MaxLength(DISPUTE_REASON_MAX_LENGTH)
  reason!: string;
}

/** Finance's decision on a dispute. */
export class ResolveDisputeDto {
  @ApiProperty({ enum: DISPUTE_OUTCOMES, description: '`upheld`: invoicing credits the invoice; `rejected`: the invoice is due again.', example: 'upheld' })
  @IsIn(DISPUTE_OUTCOMES)
  outcome!: DisputeOutcome;

  @ApiProperty({ description: 'Why, in words the client reads (emailed with the decision).', minLength: 1, maxLength: DISPUTE_NOTE_MAX_LENGTH, example: 'Timesheets confirm two days; three days credited.' })
  @IsString()
  @MinLength(1)
  @MaxLength(DISPUTE_NOTE_MAX_LENGTH)
  note!: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_AMOUNT_CENTS,
    description: 'Upheld only: what to credit on the invoice, at most the disputed amount; absent: the disputed amount.',
    example: 150_000,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
  credit_amount_cents?: number;
}

/** The client takes its dispute back, optionally saying why. */
export class WithdrawDisputeDto {
  @ApiPropertyOptional({ description: 'Why, in words finance reads.', maxLength: DISPUTE_NOTE_MAX_LENGTH, example: 'Our project lead found the review notes: five days is right.' })
  @IsOptional()
  @IsString()
  @MaxLength(DISPUTE_NOTE_MAX_LENGTH)
  note?: string;
}

export class ListDisputesQueryDto {
  @ApiPropertyOptional({ type: String, description: `Only this client's disputes: ${prefixedIdRule('cli')}.`, pattern: prefixedIdPattern('cli'), example: 'cli_01JX6Q8Z3Y2W0V9T7S5R4P3N2M' })
  @IsOptional()
  @IsPrefixedId('cli', 'a client id')
  client_id?: string;

  @ApiPropertyOptional({ enum: DISPUTE_STATUSES, description: 'Only the disputes in this status.', example: 'open' })
  @IsOptional()
  @IsIn(DISPUTE_STATUSES)
  status?: DisputeStatus;
}
