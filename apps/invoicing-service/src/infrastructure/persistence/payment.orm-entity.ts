import { EntitySchema } from 'typeorm';
import { minorUnitsColumn } from '@mb/platform';

/** A row of invoicing.payments. */
export interface PaymentRecord {
  id: string;
  invoiceId: string;
  contractId: string;
  clientId: string;
  currency: string;
  amountCents: number;
  /** A calendar date, kept as YYYY-MM-DD text. */
  receivedOn: string;
  reference: string | null;
  recordedAt: Date;
}

export const PaymentEntity = new EntitySchema<PaymentRecord>({
  name: 'Payment',
  schema: 'invoicing',
  tableName: 'payments',
  columns: {
    id: { type: 'text', primary: true },
    invoiceId: { type: 'text', name: 'invoice_id' },
    contractId: { type: 'text', name: 'contract_id' },
    clientId: { type: 'text', name: 'client_id' },
    currency: { type: 'text' },
    amountCents: { type: 'bigint', name: 'amount_cents', transformer: minorUnitsColumn },
    receivedOn: { type: 'date', name: 'received_on' },
    reference: { type: 'text', nullable: true },
    recordedAt: { type: 'timestamptz', name: 'recorded_at' },
  },
});
