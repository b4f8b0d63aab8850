import { EntitySchema } from 'typeorm';

/** A row of collections.settled_invoices: an invoice known to be paid in full. */
export interface SettledInvoiceRecord {
  invoiceId: string;
  settledAt: Date;
}

export const SettledInvoiceEntity = new EntitySchema<SettledInvoiceRecord>({
  name: 'SettledInvoice',
  schema: 'collections',
  tableName: 'settled_invoices',
  columns: {
    invoiceId: { type: 'text', name: 'invoice_id', primary: true },
    settledAt: { type: 'timestamptz', name: 'settled_at' },
  },
});
