import { EntitySchema } from 'typeorm';
import { minorUnitsColumn } from '@mb/platform';

/** A row of invoicing.contracts: a contract's terms as contract.activated told them. */
export interface ContractTermsRecord {
  contractId: string;
  clientId: string;
  clientName: string | null;
  clientTimeZone: string;
  title: string;
  currency: string;
  totalValueCents: number;
  netDays: number;
  taxRateBps: number;
  retainageBps: number;
  purchaseOrderRef: string | null;
  clientBillingAddress: { street: string | null; city: string | null; postalCode: string | null; countryCode: string } | null;
  clientVatId: string | null;
  clientPeppolId: string | null;
  scheduleVersion: number;
  activatedAt: Date;
  /** Calendar date (YYYY-MM-DD text, as TypeORM keeps `date` columns); null when the contract set none. */
  retainageReleaseDate: string | null;
  terminatedAt: Date | null;
  terminationReason: string | null;
  /** When invoicing heard of it; set by the database. */
  recordedAt: Date;
}

export const ContractTermsEntity = new EntitySchema<ContractTermsRecord>({
  name: 'ContractTerms',
  schema: 'invoicing',
  tableName: 'contracts',
  columns: {
    contractId: { type: 'text', name: 'contract_id', primary: true },
    clientId: { type: 'text', name: 'client_id' },
    clientName: { type: 'text', name: 'client_name', nullable: true },
    clientTimeZone: { type: 'text', name: 'client_time_zone' },
    title: { type: 'text' },
    currency: { type: 'text' },
    totalValueCents: { type: 'bigint', name: 'total_value_cents', transformer: minorUnitsColumn },
    netDays: { type: 'integer', name: 'net_days' },
    taxRateBps: { type: 'integer', name: 'tax_rate_bps' },
    retainageBps: { type: 'integer', name: 'retainage_bps' },
    purchaseOrderRef: { type: 'text', name: 'purchase_order_ref', nullable: true },
    clientBillingAddress: { type: 'jsonb', name: 'client_billing_address', nullable: true },
    clientVatId: { type: 'text', name: 'client_vat_id', nullable: true },
    clientPeppolId: { type: 'text', name: 'client_peppol_id', nullable: true },
    scheduleVersion: { type: 'integer', name: 'schedule_version' },
    activatedAt: { type: 'timestamptz', name: 'activated_at' },
    retainageReleaseDate: { type: 'date', name: 'retainage_release_date', nullable: true },
    terminatedAt: { type: 'timestamptz', name: 'terminated_at', nullable: true },
    terminationReason: { type: 'text', name: 'termination_reason', nullable: true },
    recordedAt: { type: 'timestamptz', name: 'recorded_at', createDate: true },
  },
});
