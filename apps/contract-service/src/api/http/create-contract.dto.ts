import { Type } from 'class-transformer';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ArrayMaxSize,
  ValidateNested,
  IsISO8601,
} from 'class-validator';
import { MAX_AMOUNT_CENTS } from '@mb/money';
import { ApiIdProperty, IsPrefixedId } from '@mb/platform';
import { BILLING_TRIGGERS, type BillingTrigger } from '../../domain/contract/schedule';
import { PARTIAL_BILLING_BASES, type PartialBillingBasis } from '../../domain/contract/termination-settlement';

export class PayoutDestinationDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  account_token!: string;

  @IsBoolean()
  auto_clear!: boolean;
}

/** One milestone of the schedule: give its amount as amount_bps (of the total) or amount_cents, one style per schedule. */
export class MilestoneDto {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  acceptance_criteria!: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  amount_bps?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  amount_cents?: number;

  @IsIn(BILLING_TRIGGERS)
  billing_trigger!: BillingTrigger;

  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'planned_date must be a calendar date YYYY-MM-DD' })
  planned_date?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  // Calendar days in the client's time zone (a submission on day D may be answered until the end of
  // day D + N): described on the response's approval_window_days and in docs/api/contract-service.md.
  approval_window_days?: number;

  @IsOptional()
  @IsBoolean()
  deemed_acceptance?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  deliverables?: string[];

  @IsOptional()
  @ValidateNested()
  @Type(() => PayoutDestinationDto)
  payout_destination?: PayoutDestinationDto;
}

export class CreateContractDto {
  @IsString()
  @IsPrefixedId('cli', 'a client id')
  client_id!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @IsString()
  @Matches(/^[a-z]{3}$/, { message: 'currency must be a lowercase ISO 4217 code (usd)' })
  currency!: string;

  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
  total_value_cents!: number;

  @IsInt()
  @Min(0)
  @Max(3650)
  net_days!: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  tax_rate_bps?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  retainage_bps?: number;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  purchase_order_ref?: string;

  /** Days before a milestone's planned date that the client's AP contact is told it is coming: 0 (no notice) to 90; 7 when not given. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(90)
  advance_notice_days?: number;

  /** The day the retainage withheld so far is released (billed), in the client's calendar; needs retainage_bps above 0. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'retainage_release_date must be a calendar date YYYY-MM-DD' })
  retainage_release_date?: string;

  /** Whether the supplier may apply a change order without the client's approval (issue 14); false when not given. */
  @IsOptional()
  @IsBoolean()
  allows_unilateral_changes?: boolean;

  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  milestones!: MilestoneDto[];
}

/** Unfinished work billed for an agreed percentage at termination (issue 14). */
export class PartialBillingDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The milestone billed partially: in progress, submitted or rejected.', example: 3 })
  @IsInt()
  @Min(1)
  milestone_index!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10_000, description: 'The share of its amount billed, in basis points (4000 is 40 %).', example: 4000 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  percent_bps!: number;

  @ApiProperty({ enum: PARTIAL_BILLING_BASES, description: "client_agreement: the client agreed the share; termination_clause: the contract's termination clause sets it." })
  @IsIn(PARTIAL_BILLING_BASES)
  basis!: PartialBillingBasis;

  @ApiProperty({ minLength: 1, maxLength: 500, description: 'Where the agreement or clause is recorded.', example: 'Email of 28 August from the client CFO' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  agreement_reference!: string;
}

export class TerminateContractDto {
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({
    format: 'date',
    description: "The day the termination takes effect, a calendar date in the client's time zone; today there when absent. Not before the activation.",
    example: '2026-09-01',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effective_date must be a calendar date YYYY-MM-DD' })
  effective_date?: string;

  @ApiPropertyOptional({ type: [PartialBillingDto], description: 'Unfinished milestones billed for an agreed share; every other unbilled milestone but the approved ones is cancelled.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PartialBillingDto)
  partial_billing?: PartialBillingDto[];
}

export class ListContractsQuery {
  @ApiIdProperty('cli', 'The client whose contracts to list')
  @IsString()
  @IsPrefixedId('cli', 'a client id')
  client_id!: string;
}
