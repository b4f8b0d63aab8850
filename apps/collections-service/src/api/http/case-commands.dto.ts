import { IsIn, IsInt, IsISO8601, Matches, Max, Min } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { MAX_AMOUNT_CENTS } from '@mb/money';

export class RecordPromiseDto {
  @ApiProperty({ format: 'date', example: '2026-07-20', description: "The client's calendar date it promises to pay by: today or later there." })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'promised_date must be a calendar date YYYY-MM-DD' })
  promised_date!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 550_000, description: 'At most what the case is owed in the currency.' })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
  amount_cents!: number;

  @ApiProperty({ pattern: '^[a-z]{3}$', example: 'usd', description: 'A currency the case is owed in.' })
  @Matches(/^[a-z]{3}$/, { message: 'currency must be a lowercase ISO 4217 code (usd)' })
  currency!: string;
}

export const CASE_DECISIONS = ['continue'] as const;

export class DecideCaseDto {
  @ApiProperty({
    enum: CASE_DECISIONS,
    example: 'continue',
    description: 'continue: lift the awaiting_decision hold and move to the next stage now. Hand-off and write-off are their own commands.',
  })
  @IsIn(CASE_DECISIONS)
  decision!: (typeof CASE_DECISIONS)[number];
}
