import { IsNotEmpty, IsString, IsUrl, MaxLength } from 'class-validator';

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
