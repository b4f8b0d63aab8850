import { EntitySchema } from 'typeorm';

/** A row of contract.clients, as TypeORM maps it. */
export interface ClientRecord {
  id: string;
  name: string;
  apContactEmail: string;
  /** IANA time zone; 'UTC' for clients registered before clients had one. */
  approverEmail: string | null;
  timeZone: string;
  billingAddress: { street: string | null; city: string | null; postalCode: string | null; countryCode: string } | null;
  vatId: string | null;
  peppolId: string | null;
  language: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const ClientEntity = new EntitySchema<ClientRecord>({
  name: 'Client',
  schema: 'contract',
  tableName: 'clients',
  columns: {
    id: { type: 'text', primary: true },
    name: { type: 'text' },
    apContactEmail: { type: 'text', name: 'ap_contact_email' },
    approverEmail: { type: 'text', name: 'approver_email', nullable: true },
    timeZone: { type: 'text', name: 'time_zone' },
    billingAddress: { type: 'jsonb', name: 'billing_address', nullable: true },
    vatId: { type: 'text', name: 'vat_id', nullable: true },
    peppolId: { type: 'text', name: 'peppol_id', nullable: true },
    language: { type: 'text', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
    version: { type: 'integer' },
  },
});
