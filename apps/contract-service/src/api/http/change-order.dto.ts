import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { MAX_AMOUNT_CENTS } from '@mb/money';
import { CHANGE_ORDER_APPLY_MODES, type ChangeOrderApplyMode } from '../../domain/change-order/change-order-status';
import { MAX_RESPONSE_WINDOW_DAYS } from '../../domain/change-order/change-order';
import { BILLING_TRIGGERS, type BillingTrigger } from '../../domain/contract/schedule';
import { MilestoneDto } from './create-contract.dto';

export const MILESTONE_CHANGE_REQUEST_KINDS = ['add', 'remove', 'change'] as const;

/**
 * One line of a change order. `add`: `milestone` is the new milestone (as at creation, its amount
 * in amount_cents or amount_bps of the new total). `remove` and `change` name the milestone by
 * `milestone_index`; `change` gives only the fields that change.
 */
export class MilestoneChangeRequestDto {
  @IsIn(MILESTONE_CHANGE_REQUEST_KINDS)
  kind!: (typeof MILESTONE_CHANGE_REQUEST_KINDS)[number];

  /** The milestone removed or changed (remove, change). */
  @ValidateIf((line: MilestoneChangeRequestDto) => line.kind !== 'add')
  @IsInt()
  @Min(1)
  milestone_index?: number;

  /** The new milestone (add). */
  @ValidateIf((line: MilestoneChangeRequestDto) => line.kind === 'add')
  @ValidateNested()
  @Type(() => MilestoneDto)
  milestone?: MilestoneDto;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  acceptance_criteria?: string;

  /** The new amount, in basis points of the new total_value_cents (which is then required). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  amount_bps?: number;

  /** The new amount, in cents. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  amount_cents?: number;

  @IsOptional()
  @IsIn(BILLING_TRIGGERS)
  billing_trigger?: BillingTrigger;

  /** The new planned date (YYYY-MM-DD). */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'planned_date must be a calendar date YYYY-MM-DD' })
  planned_date?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
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
}

/** What a change order changes: milestones, and optionally the total and the payment terms. */
export class ScheduleChangesDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => MilestoneChangeRequestDto)
  milestones?: MilestoneChangeRequestDto[];

  /** The new total; required when an amount is given in basis points, else the new schedule's sum (and checked against it when given). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
  total_value_cents?: number;

  /** New payment terms, for invoices issued after the change order applies. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  net_days?: number;
}

export class ProposeChangeOrderDto {
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;

  @ValidateNested()
  @Type(() => ScheduleChangesDto)
  changes!: ScheduleChangesDto;

  /** on_client_approval (default): the client approves or rejects it; unilateral: applied at once, where the contract allows unilateral changes. */
  @IsOptional()
  @IsIn(CHANGE_ORDER_APPLY_MODES)
  apply?: ChangeOrderApplyMode;

  /** Calendar days the client has to answer, in its time zone (answerable until the end of day D + N); 14 when not given. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RESPONSE_WINDOW_DAYS)
  respond_within_days?: number;
}

export class RejectChangeOrderDto {
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}
