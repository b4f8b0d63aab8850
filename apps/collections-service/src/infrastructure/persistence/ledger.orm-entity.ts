import { EntitySchema } from 'typeorm';
import { minorUnitsColumn } from '@mb/platform';
import type { DunningLadder } from '../../domain/dunning/dunning-ladder';

/** A row of collections.receivables: one invoice of the receivable ledger. */
export interface ReceivableRecord {
  invoiceId: string;
  clientId: string | null;
  contractId: string | null;
  invoiceNumber: string | null;
  currency: string | null;
  amountDueCents: number | null;
  dueDate: string | null;
  reducedCents: number;
  closedAs: 'settled' | 'written_off' | null;
  issuedAt: Date | null;
  updatedAt: Date;
}

export const ReceivableEntity = new EntitySchema<ReceivableRecord>({
  name: 'CollectionsReceivable',
  schema: 'collections',
  tableName: 'receivables',
  columns: {
    invoiceId: { type: 'text', name: 'invoice_id', primary: true },
    clientId: { type: 'text', name: 'client_id', nullable: true },
    contractId: { type: 'text', name: 'contract_id', nullable: true },
    invoiceNumber: { type: 'text', name: 'invoice_number', nullable: true },
    currency: { type: 'text', nullable: true },
    amountDueCents: { type: 'bigint', name: 'amount_due_cents', nullable: true, transformer: minorUnitsColumn },
    dueDate: { type: 'date', name: 'due_date', nullable: true },
    reducedCents: { type: 'bigint', name: 'reduced_cents', transformer: minorUnitsColumn },
    closedAs: { type: 'text', name: 'closed_as', nullable: true },
    issuedAt: { type: 'timestamptz', name: 'issued_at', nullable: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
  },
});

/** A row of collections.dunning_ladders: the account's ladder (scope `account`) or a client's override. */
export interface DunningLadderRecord {
  scope: string;
  stages: DunningLadder;
  updatedAt: Date;
  updatedBy: string;
}

export const DunningLadderEntity = new EntitySchema<DunningLadderRecord>({
  name: 'DunningLadder',
  schema: 'collections',
  tableName: 'dunning_ladders',
  columns: {
    scope: { type: 'text', primary: true },
    stages: { type: 'jsonb' },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
    updatedBy: { type: 'text', name: 'updated_by' },
  },
});

/** A row of collections.client_time_zones. */
export interface ClientTimeZoneRecord {
  clientId: string;
  timeZone: string;
  updatedAt: Date;
}

export const ClientTimeZoneEntity = new EntitySchema<ClientTimeZoneRecord>({
  name: 'CollectionsClientTimeZone',
  schema: 'collections',
  tableName: 'client_time_zones',
  columns: {
    clientId: { type: 'text', name: 'client_id', primary: true },
    timeZone: { type: 'text', name: 'time_zone' },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
  },
});
