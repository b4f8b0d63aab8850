import { EntitySchema } from 'typeorm';
import { minorUnitsColumn } from '@mb/platform';

/** One line of a credit note as the `lines` jsonb column holds it (snake_case, like the API). */
export interface StoredCreditNoteLine {
  line_number: number;
  invoice_line_number: number;
  description: string;
  amount_cents: number;
  tax_rate_bps: number;
  tax_cents: number;
  retainage_bps: number;
  retainage_cents: number;
}

/**
 * A row of invoicing.credit_notes. What the credit note repeats of its invoice (number, issue date,
 * client and contract names, PO, milestone) is read from the invoice row it references.
 */
export interface CreditNoteRecord {
  id: string;
  number: string;
  invoiceId: string;
  contractId: string;
  clientId: string;
  currency: string;
  /** A calendar date, kept as YYYY-MM-DD text. */
  issueDate: string;
  reason: string;
  lines: StoredCreditNoteLine[];
  subtotalCents: number;
  taxCents: number;
  retainageCents: number;
  totalCents: number;
  amountCreditedCents: number;
  issuedAt: Date;
}

export const CreditNoteEntity = new EntitySchema<CreditNoteRecord>({
  name: 'CreditNote',
  schema: 'invoicing',
  tableName: 'credit_notes',
  columns: {
    id: { type: 'text', primary: true },
    number: { type: 'text', unique: true },
    invoiceId: { type: 'text', name: 'invoice_id' },
    contractId: { type: 'text', name: 'contract_id' },
    clientId: { type: 'text', name: 'client_id' },
    currency: { type: 'text' },
    issueDate: { type: 'date', name: 'issue_date' },
    reason: { type: 'text' },
    lines: { type: 'jsonb' },
    subtotalCents: { type: 'bigint', name: 'subtotal_cents', transformer: minorUnitsColumn },
    taxCents: { type: 'bigint', name: 'tax_cents', transformer: minorUnitsColumn },
    retainageCents: { type: 'bigint', name: 'retainage_cents', transformer: minorUnitsColumn },
    totalCents: { type: 'bigint', name: 'total_cents', transformer: minorUnitsColumn },
    amountCreditedCents: { type: 'bigint', name: 'amount_credited_cents', transformer: minorUnitsColumn },
    issuedAt: { type: 'timestamptz', name: 'issued_at' },
  },
});
