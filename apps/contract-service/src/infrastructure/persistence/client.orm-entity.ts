import { EntitySchema } from 'typeorm';

/** A row of contract.clients, as TypeORM maps it. */
export interface ClientRecord {
  id: string;
  name: string;
  apContactEmail: string;
  /** IANA time zone; 'UTC' for clients registered before clients had one. */
  approverEmail: string | null;
  timeZone: string;
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
    createdAt: { type: 'timestamptz', name: 'created_at' },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
    version: { type: 'integer' },
  },
});
