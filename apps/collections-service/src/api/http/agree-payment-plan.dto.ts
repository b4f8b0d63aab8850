import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DomainRejection, isTimeZone, UTC_TIME_ZONE } from '@mb/kernel';
import { MAX_AMOUNT_CENTS } from '@mb/money';
import type { PaymentPlanTermsCommand } from '../../application/agree-payment-plan/agree-payment-plan.handler';
import { DEFAULT_GRACE_DAYS, DEFAULT_REMINDER_DAYS_BEFORE } from '../../domain/payment-plan/payment-plan';
import { PaymentPlanErrors } from '../../domain/payment-plan/payment-plan.errors';
import { INSTALMENT_CADENCES, type InstalmentCadence, type InstalmentTerms, MAX_INSTALMENTS, MIN_INSTALMENTS } from '../../domain/payment-plan/payment-plan-schedule';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class DownPaymentDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Minor units; less than the balance the plan covers.', example: 100_000 })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
  amount_cents!: number;

  @ApiProperty({ format: 'date', description: "Before the first instalment; not before today, in the client's time zone.", example: '2026-07-20' })
  @IsISO8601({ strict: true })
  @Matches(CALENDAR_DATE, { message: 'due_date must be a calendar date YYYY-MM-DD' })
  due_date!: string;
}

/** Either `dates` (and optionally `amounts_cents`), or `count`, `first_due_date` and `cadence`. */
export class InstalmentsDto {
  @ApiPropertyOptional({ type: 'integer', minimum: MIN_INSTALMENTS, maximum: MAX_INSTALMENTS, description: 'How many instalments, from `first_due_date` at `cadence`.', example: 3 })
  @IsOptional()
  @IsInt()
  @Min(MIN_INSTALMENTS)
  @Max(MAX_INSTALMENTS)
  count?: number;

  @ApiPropertyOptional({ format: 'date', description: 'Due date of the first instalment (with `count` and `cadence`).', example: '2026-08-15' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(CALENDAR_DATE, { message: 'first_due_date must be a calendar date YYYY-MM-DD' })
  first_due_date?: string;

  @ApiPropertyOptional({ enum: INSTALMENT_CADENCES, description: 'monthly: the same day each month (the last day of shorter months); weekly: every 7 days.', example: 'monthly' })
  @IsOptional()
  @IsIn(INSTALMENT_CADENCES)
  cadence?: InstalmentCadence;

  @ApiPropertyOptional({ type: [String], description: 'Explicit due dates, increasing (instead of count/first_due_date/cadence).', example: ['2026-08-15', '2026-09-15'] })
  @IsOptional()
  @ArrayMinSize(MIN_INSTALMENTS)
  @ArrayMaxSize(MAX_INSTALMENTS)
  @IsISO8601({ strict: true }, { each: true })
  @Matches(CALENDAR_DATE, { each: true, message: 'each of dates must be a calendar date YYYY-MM-DD' })
  dates?: string[];

  @ApiPropertyOptional({
    type: [Number],
    description: 'With `dates`: the amount of each, adding up exactly to the balance less the down payment. Without it, the balance is split equally (largest remainder).',
    example: [400_000, 272_500],
  })
  @IsOptional()
  @ArrayMinSize(MIN_INSTALMENTS)
  @ArrayMaxSize(MAX_INSTALMENTS)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_AMOUNT_CENTS, { each: true })
  amounts_cents?: number[];
}

export class AgreePaymentPlanDto {
  @ApiPropertyOptional({
    default: false,
    description:
      'true: the plan is proposed to the client, who accepts it (`POST /v1/payment-plans/{id}/accept`) until its first payment falls due; nothing is held or scheduled until then, and a newer proposal for the case supersedes it. false: agreed at once.',
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  proposed?: boolean;

  @ApiProperty({ description: "The currency of the case's balance the plan covers (lowercase ISO 4217): a plan per currency.", pattern: '^[a-z]{3}$', example: 'usd' })
  @Matches(/^[a-z]{3}$/, { message: 'currency must be a lowercase ISO 4217 code (usd)' })
  currency!: string;

  @ApiPropertyOptional({ type: DownPaymentDto, description: 'Paid first, before the instalments.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DownPaymentDto)
  down_payment?: DownPaymentDto;

  @ApiProperty({ type: InstalmentsDto })
  @ValidateNested()
  @Type(() => InstalmentsDto)
  instalments!: InstalmentsDto;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 90, default: DEFAULT_GRACE_DAYS, description: 'Days after a due date an instalment may still be paid before the plan breaks.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(90)
  grace_days?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 30, default: DEFAULT_REMINDER_DAYS_BEFORE, description: 'Days before each due date the client is reminded.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  reminder_days_before?: number;

  @ApiPropertyOptional({ description: "The client's IANA time zone the dates are in; UTC when left out.", example: 'America/Los_Angeles', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  time_zone?: string;
}

/** The plan's terms the request asks for; the choice between dates and a cadence is checked here. */
export function paymentPlanTermsOf(caseId: string, body: AgreePaymentPlanDto): PaymentPlanTermsCommand {
  const timeZone = body.time_zone ?? UTC_TIME_ZONE;
  if (!isTimeZone(timeZone)) throw new DomainRejection('invalid', 'payment_plan.unknown_time_zone', `"${timeZone}" is not an IANA time zone`, 'time_zone');
  return {
    caseId,
    currency: body.currency,
    downPayment: body.down_payment ? { amountCents: body.down_payment.amount_cents, dueDate: body.down_payment.due_date } : null,
    instalments: instalmentTermsOf(body.instalments),
    graceDays: body.grace_days ?? DEFAULT_GRACE_DAYS,
    reminderDaysBefore: body.reminder_days_before ?? DEFAULT_REMINDER_DAYS_BEFORE,
    timeZone,
  };
}

function instalmentTermsOf(instalments: InstalmentsDto): InstalmentTerms {
  const byCadence = instalments.count !== undefined || instalments.first_due_date !== undefined || instalments.cadence !== undefined;
  if (instalments.dates && !byCadence) return { dates: instalments.dates, amountsCents: instalments.amounts_cents };
  if (!instalments.dates && instalments.amounts_cents === undefined && instalments.count !== undefined && instalments.first_due_date && instalments.cadence) {
    return { count: instalments.count, firstDueDate: instalments.first_due_date, cadence: instalments.cadence };
  }
  throw PaymentPlanErrors.scheduleRequired();
}
