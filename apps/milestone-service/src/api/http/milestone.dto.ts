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
