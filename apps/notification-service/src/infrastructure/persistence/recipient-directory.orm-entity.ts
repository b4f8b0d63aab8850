import { EntitySchema } from 'typeorm';

/** A row of notification.clients: a client, its AP contact and its approver, as contract events named them. */
export interface KnownClientRecord {
  clientId: string;
  clientName: string | null;
  apEmail: string | null;
  approverEmail: string | null;
  language: string | null;
  updatedAt: Date;
}

/** A row of notification.contracts: a contract's title and client, for the emails' wording. */
export interface KnownContractRecord {
  contractId: string;
  clientId: string;
  title: string;
  updatedAt: Date;
}

export const KnownClientEntity = new EntitySchema<KnownClientRecord>({
  name: 'KnownClient',
  schema: 'notification',
  tableName: 'clients',
  columns: {
    clientId: { type: 'text', name: 'client_id', primary: true },
    clientName: { type: 'text', name: 'client_name', nullable: true },
    apEmail: { type: 'text', name: 'ap_email', nullable: true },
    approverEmail: { type: 'text', name: 'approver_email', nullable: true },
    language: { type: 'text', nullable: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
  },
});

export const KnownContractEntity = new EntitySchema<KnownContractRecord>({
  name: 'KnownContract',
  schema: 'notification',
  tableName: 'contracts',
  columns: {
    contractId: { type: 'text', name: 'contract_id', primary: true },
    clientId: { type: 'text', name: 'client_id' },
    title: { type: 'text' },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
  },
});
