import { IsInt, IsISO8601, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_AMOUNT_CENTS } from '@mb/money';

/** Words, not blanks: a reason or a name someone will read later. */
const NOT_BLANK = /\S/;

export class HandOffCaseDto {
  /** The collection agency: its name or identifier, as finance knows it. */
  @IsString()
  @Matches(NOT_BLANK, { message: 'agency must not be blank' })
  @MaxLength(200)
  agency!: string;

  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(1000)
  reason!: string;
}

export class WriteOffCaseDto {
  // Invoicing keeps the reason on each invoice written off, where a closing reason is at most 500
  // characters (its CloseInvoiceDto): a longer one was refused there and dead-lettered.
  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(500)
  reason!: string;
}

export class RecordAgencyRecoveryDto {
  /** What the agency recovered from the client (gross), in minor units: recorded as the client's payment. */
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
  amount_cents!: number;

  /** The agency's fee out of it, in minor units: kept apart in collections, at most the gross. */
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  agency_fee_cents!: number;

  @Matches(/^[a-z]{3}$/, { message: 'currency must be a lowercase ISO 4217 code (usd)' })
  currency!: string;

  /** When the agency received it, in the client's time zone; not in the future (invoicing refuses it). */
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'received_on must be a calendar date YYYY-MM-DD' })
  received_on!: string;

  /** The agency's reference for the recovery: one recovery per case and reference. */
  @IsString()
  @Matches(NOT_BLANK, { message: 'external_reference must not be blank' })
  @MaxLength(200)
  external_reference!: string;
}
