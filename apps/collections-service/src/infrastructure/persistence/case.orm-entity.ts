import { EntitySchema } from 'typeorm';
import { minorUnitsColumn } from '@mb/platform';
import type { CaseHold, PromiseToPay } from '../../domain/case/case';
import type { CaseStatus } from '../../domain/case/case-status';
import type { DunningLadder } from '../../domain/dunning/dunning-ladder';

/** A row of collections.cases, as TypeORM maps it. */
export interface CaseRecord {
  id: string;
  clientId: string;
  status: CaseStatus;
  stage: string;
  stageEnteredAt: Date;
  openedAt: Date;
  closedAt: Date | null;
  /** The ladder the case opened with (DunningStep[] as JSON). */
  ladder: DunningLadder;
  clientTimeZone: string;
  /** CaseHold[] with ISO instants. */
  holds: StoredHold[];
  /** PromiseToPay[] with ISO instants. */
  promises: StoredPromise[];
  version: number;
}

export type StoredHold = Omit<CaseHold, 'since'> & { since: string };
export type StoredPromise = Omit<PromiseToPay, 'recordedAt' | 'resolvedAt'> & { recordedAt: string; resolvedAt: string | null };

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
  disputed: boolean;
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
    stageEnteredAt: { type: 'timestamptz', name: 'stage_entered_at' },
    openedAt: { type: 'timestamptz', name: 'opened_at' },
    closedAt: { type: 'timestamptz', name: 'closed_at', nullable: true },
    ladder: { type: 'jsonb' },
    clientTimeZone: { type: 'text', name: 'client_time_zone' },
    holds: { type: 'jsonb' },
    promises: { type: 'jsonb' },
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
    disputed: { type: 'boolean', default: false },
    position: { type: 'integer' },
  },
});
