import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty } from '@mb/platform';
import type { ClientSnapshot } from '../../domain/client/client';

/** A client: the party a contract bills, with the accounts-payable contact that receives its invoices. */
export class ClientResponse {
  @ApiIdProperty('cli', 'The client')
  id!: string;

  @ApiProperty({ example: 'Acme Corp' })
  name!: string;

  @ApiProperty({ format: 'email', description: 'Where its invoices are sent.', example: 'ap@acme.example' })
  ap_contact_email!: string;

  @ApiProperty({
    type: String,
    format: 'email',
    nullable: true,
    description: 'Who receives the approval requests for its delivered milestones; null: the AP contact does.',
    example: 'pm@acme.example',
  })
  approver_email!: string | null;

  @ApiProperty({ description: 'IANA time zone whose calendar dates its invoices, due dates and milestone dates follow.', example: 'America/Los_Angeles' })
  time_zone!: string;

  @ApiProperty({ type: () => BillingAddressResponse, nullable: true, description: 'Where its invoices are addressed; null when not given.' })
  billing_address!: BillingAddressResponse | null;

  @ApiProperty({ type: String, nullable: true, description: 'Its VAT identifier; null when not given.', example: 'DE811907980' })
  vat_number!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Its Peppol participant id (scheme:identifier); null when not given.', example: '0060:123456789' })
  peppol_participant!: string | null;

  @ApiProperty({ type: String, nullable: true, enum: ['en', 'de'], description: 'The language its emails are written in; null: English.', example: 'de' })
  language!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-05-28T09:00:00.000Z' })
  created_at!: string;
}

export class BillingAddressResponse {
  @ApiProperty({ type: String, nullable: true, example: '1 Market Street' })
  street!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'San Francisco' })
  city!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '94105' })
  postal_code!: string | null;

  @ApiProperty({ example: 'US' })
  country_code!: string;
}

export function clientView(client: ClientSnapshot): ClientResponse {
  const address = client.billingAddress;
  return {
    id: client.id,
    name: client.name,
    ap_contact_email: client.apContactEmail,
    approver_email: client.approverEmail,
    time_zone: client.timeZone,
    billing_address: address ? { street: address.street, city: address.city, postal_code: address.postalCode, country_code: address.countryCode } : null,
    vat_number: client.vatId,
    peppol_participant: client.peppolId,
    language: client.language,
    created_at: client.createdAt.toISOString(),
  };
}
