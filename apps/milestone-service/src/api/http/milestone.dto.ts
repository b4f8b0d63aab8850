import { IsISO8601, IsNotEmpty, IsString, IsUrl, Matches, MaxLength } from 'class-validator';

export class SubmitMilestoneDto {
  /** Where the client sees the work: a deployment, a document, a test report. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  @IsUrl({ require_protocol: true, require_tld: false })
  evidence_url!: string;
}

export class RejectMilestoneDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class CancelMilestoneDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

/** Who is free text until the API authenticates its callers; then it will be the caller. */
export class PlaceBillingHoldDto {
  /** Why billing stops: a dispute, a missing purchase order, a client's request. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  /** Who places the hold (a name or an email). Free text until the API authenticates its callers. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  placed_by!: string;
}

export class ReleaseBillingHoldDto {
  /** Who releases the hold (a name or an email). Free text until the API authenticates its callers. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  released_by!: string;
}

/** PATCH /v1/milestones/:id: the planned date moves, saying why. */
export class MovePlannedDateDto {
  /** The new planned date, YYYY-MM-DD: today or later. */
  @IsString()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'planned_date must be a calendar date YYYY-MM-DD' })
  planned_date!: string;

  /** Why it moves, kept in the history. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
