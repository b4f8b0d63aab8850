import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { EMAIL_ADDRESS_MAX_LENGTH } from '@mb/events';
import { IsEmailAddress } from '@mb/platform';

/** Where a client's invoices are addressed; the country is what an e-invoice needs at least. */
export class BillingAddressDto {
  @ApiPropertyOptional({ example: '1 Market Street', maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  street?: string;

  @ApiPropertyOptional({ example: 'San Francisco', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  city?: string;

  @ApiPropertyOptional({ example: '94105', maxLength: 20 })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  postal_code?: string;

  // Checked as an ISO code by the domain (client.invalid_country_code, 422).
  @ApiProperty({ description: 'ISO 3166-1 alpha-2, upper case.', example: 'US', minLength: 2, maxLength: 2 })
  @IsString()
  @MaxLength(2)
  country_code!: string;
}

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

  @ApiPropertyOptional({ type: BillingAddressDto, description: "Where its invoices are addressed: the buyer's address on the PDF and the e-invoice (EN 16931 BG-8)." })
  @IsOptional()
  @ValidateNested()
  @Type(() => BillingAddressDto)
  billing_address?: BillingAddressDto;

  @ApiPropertyOptional({ description: 'Its VAT identifier, prefixed with its country code (EN 16931 BT-48).', example: 'DE811907980', maxLength: 16 })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  vat_number?: string;

  @ApiPropertyOptional({
    description: 'Its Peppol participant id, scheme:identifier with an EAS scheme code (0060 DUNS, 0088 GLN, 9930 German VAT …): where its e-invoices go (EN 16931 BT-49).',
    example: '0060:123456789',
    maxLength: 70,
  })
  @IsOptional()
  @IsString()
  @MaxLength(70)
  peppol_participant?: string;

  // Checked against the supported languages by the domain (client.unsupported_language, 422).
  @ApiPropertyOptional({
    description: "The language its emails are written in, a BCP 47 tag: en or de. English when absent.",
    example: 'de',
    maxLength: 35,
  })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  language?: string;
}

/** The command fields of a create-client request, for REST and gRPC alike. */
export function registerClientCommandOf(body: CreateClientDto) {
  const address = body.billing_address;
  return {
    name: body.name,
    apContactEmail: body.ap_contact_email,
    approverEmail: body.approver_email,
    timeZone: body.time_zone,
    billingAddress: address ? { street: address.street ?? null, city: address.city ?? null, postalCode: address.postal_code ?? null, countryCode: address.country_code } : null,
    vatId: body.vat_number ?? null,
    peppolId: body.peppol_participant ?? null,
    language: body.language ?? null,
  };
}
