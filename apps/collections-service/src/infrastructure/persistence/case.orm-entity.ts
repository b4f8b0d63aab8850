import { EntitySchema } from 'typeorm';
import { minorUnitsColumn } from '@mb/platform';
import type { CaseStatus } from '../../domain/case/case-status';

/** A row of collections.cases, as TypeORM maps it. */
export interface CaseRecord {
  id: string;
  clientId: string;
  status: CaseStatus;
  stage: string;
  openedAt: Date;
  closedAt: Date | null;
  version: number;
}

/** A row of collections.case_invoices: one invoice a case chases, with what is still owed on it. */
export interface CaseInvoiceRecord {
  caseId: string;
  invoiceId: string;
  invoiceNumber: string;
  contractId: string;
  currency: string;
  amountDueCents: number;
  balanceCents: number;
  writtenOffCents: number;
  /** A calendar date: TypeORM keeps `date` columns as YYYY-MM-DD text, never a shifted Date. */
  dueDate: string;
  daysOverdue: number;
  /** The order the invoices joined the case, from 1. */
  position: number;
}

export const CaseEntity = new EntitySchema<CaseRecord>({
  name: 'CollectionsCase',
  schema: 'collections',
  tableName: 'cases',
  columns: {
    id: { type: 'text', primary: true },
    clientId: { type: 'text', name: 'client_id' },
    status: { type: 'text' },
    stage: { type: 'text' },
    openedAt: { type: 'timestamptz', name: 'opened_at' },
    closedAt: { type: 'timestamptz', name: 'closed_at', nullable: true },
    version: { type: 'integer' },
  },
});

export const CaseInvoiceEntity = new EntitySchema<CaseInvoiceRecord>({
  name: 'CaseInvoice',
  schema: 'collections',
  tableName: 'case_invoices',
  columns: {
    caseId: { type: 'text', name: 'case_id', primary: true },
    invoiceId: { type: 'text', name: 'invoice_id', primary: true },
    invoiceNumber: { type: 'text', name: 'invoice_number' },
    contractId: { type: 'text', name: 'contract_id' },
    currency: { type: 'text' },
    amountDueCents: { type: 'bigint', name: 'amount_due_cents', transformer: minorUnitsColumn },
    balanceCents: { type: 'bigint', name: 'balance_cents', transformer: minorUnitsColumn },
    writtenOffCents: { type: 'bigint', name: 'written_off_cents', transformer: minorUnitsColumn, default: 0 },
    dueDate: { type: 'date', name: 'due_date' },
    daysOverdue: { type: 'integer', name: 'days_overdue' },
    position: { type: 'integer' },
  },
});
