import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateClientDto {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @IsEmail()
  @MaxLength(320)
  ap_contact_email!: string;

  @ApiPropertyOptional({
    format: 'email',
    description: "Who approves the client's delivered milestones: approval requests and their reminders go there. The AP contact when absent.",
    example: 'pm@acme.example',
    maxLength: 320,
  })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
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
