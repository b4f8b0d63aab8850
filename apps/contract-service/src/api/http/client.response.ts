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

  @ApiProperty({ format: 'date-time', example: '2026-05-28T09:00:00.000Z' })
  created_at!: string;
}

export function clientView(client: ClientSnapshot): ClientResponse {
  return { id: client.id, name: client.name, ap_contact_email: client.apContactEmail, approver_email: client.approverEmail, time_zone: client.timeZone, created_at: client.createdAt.toISOString() };
}
