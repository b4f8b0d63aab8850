import { EntitySchema } from 'typeorm';
import { minorUnitsColumn } from '@mb/platform';

/**
 * A row of invoicing.retainage_releases: the retainage withheld on one invoice, billed by one
 * release. Keyed by the invoice released, so each withheld amount is billed once.
 */
export interface RetainageReleaseRecord {
  releasedInvoiceId: string;
  releaseInvoiceId: string;
  contractId: string;
  retainageCents: number;
  recordedAt: Date;
}

export const RetainageReleaseEntity = new EntitySchema<RetainageReleaseRecord>({
  name: 'RetainageRelease',
  schema: 'invoicing',
  tableName: 'retainage_releases',
  columns: {
    releasedInvoiceId: { type: 'text', name: 'released_invoice_id', primary: true },
    releaseInvoiceId: { type: 'text', name: 'release_invoice_id' },
    contractId: { type: 'text', name: 'contract_id' },
    retainageCents: { type: 'bigint', name: 'retainage_cents', transformer: minorUnitsColumn },
    recordedAt: { type: 'timestamptz', name: 'recorded_at', createDate: true },
  },
});
