import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { EMAIL_ADDRESS_MAX_LENGTH } from '@mb/events';
import { IsEmailAddress } from '@mb/platform';

export class CreateClientDto {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @IsEmailAddress()
  @MaxLength(EMAIL_ADDRESS_MAX_LENGTH)
  ap_contact_email!: string;

  @ApiPropertyOptional({
    format: 'email',
    description: "Who approves the client's delivered milestones: approval requests and their reminders go there. The AP contact when absent.",
    example: 'pm@acme.example',
    maxLength: EMAIL_ADDRESS_MAX_LENGTH,
  })
  @IsOptional()
  @IsEmailAddress()
  @MaxLength(EMAIL_ADDRESS_MAX_LENGTH)
  approver_email?: string;

  // Checked as a time zone by the domain (client.invalid_time_zone, 422), like the other business rules.
  @ApiPropertyOptional({
    description:
      "The client's IANA time zone (Area/Location, or UTC). Its invoice dates, due dates, overdue, advance notices, delays and on_date billing follow its calendar. The service's DEFAULT_CLIENT_TIME_ZONE (UTC unless configured) when absent.",
    example: 'America/Los_Angeles',
    maxLength: 64,
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  time_zone?: string;
}
