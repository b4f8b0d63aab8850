import { EntitySchema } from 'typeorm';
import { minorUnitsColumn } from '@mb/platform';
import type { DisputeActor, DisputeStatus } from '../../domain/dispute/dispute';

/** A row of collections.disputes: the dispute and, once decided, its resolution. */
export interface DisputeRecord {
  id: string;
  clientId: string;
  invoiceId: string;
  invoiceNumber: string;
  contractId: string;
  currency: string;
  amountCents: number;
  invoiceBalanceCents: number;
  wholeInvoice: boolean;
  reason: string;
  status: DisputeStatus;
  openedByRole: DisputeActor['role'];
  openedBySubject: string;
  openedAt: Date;
  resolutionNote: string | null;
  creditAmountCents: number | null;
  resolvedByRole: DisputeActor['role'] | null;
  resolvedBySubject: string | null;
  resolvedAt: Date | null;
  version: number;
}

export const DisputeEntity = new EntitySchema<DisputeRecord>({
  name: 'Dispute',
  schema: 'collections',
  tableName: 'disputes',
  columns: {
    id: { type: 'text', primary: true },
    clientId: { type: 'text', name: 'client_id' },
    invoiceId: { type: 'text', name: 'invoice_id' },
    invoiceNumber: { type: 'text', name: 'invoice_number' },
    contractId: { type: 'text', name: 'contract_id' },
    currency: { type: 'text' },
    amountCents: { type: 'bigint', name: 'amount_cents', transformer: minorUnitsColumn },
    invoiceBalanceCents: { type: 'bigint', name: 'invoice_balance_cents', transformer: minorUnitsColumn },
    wholeInvoice: { type: 'boolean', name: 'whole_invoice' },
    reason: { type: 'text' },
    status: { type: 'text' },
    openedByRole: { type: 'text', name: 'opened_by_role' },
    openedBySubject: { type: 'text', name: 'opened_by_subject' },
    openedAt: { type: 'timestamptz', name: 'opened_at' },
    resolutionNote: { type: 'text', name: 'resolution_note', nullable: true },
    creditAmountCents: { type: 'bigint', name: 'credit_amount_cents', nullable: true, transformer: minorUnitsColumn },
    resolvedByRole: { type: 'text', name: 'resolved_by_role', nullable: true },
    resolvedBySubject: { type: 'text', name: 'resolved_by_subject', nullable: true },
    resolvedAt: { type: 'timestamptz', name: 'resolved_at', nullable: true },
    version: { type: 'integer' },
  },
});

/** A row of collections.dispute_invoices: an invoice as invoicing's events described it. */
export interface DisputeInvoiceRecord {
  invoiceId: string;
  invoiceNumber: string | null;
  contractId: string | null;
  clientId: string | null;
  currency: string | null;
  amountDueCents: number | null;
  reducedCents: number;
  closed: boolean;
}

export const DisputeInvoiceEntity = new EntitySchema<DisputeInvoiceRecord>({
  name: 'DisputeInvoice',
  schema: 'collections',
  tableName: 'dispute_invoices',
  columns: {
    invoiceId: { type: 'text', name: 'invoice_id', primary: true },
    invoiceNumber: { type: 'text', name: 'invoice_number', nullable: true },
    contractId: { type: 'text', name: 'contract_id', nullable: true },
    clientId: { type: 'text', name: 'client_id', nullable: true },
    currency: { type: 'text', nullable: true },
    amountDueCents: { type: 'bigint', name: 'amount_due_cents', nullable: true, transformer: minorUnitsColumn },
    reducedCents: { type: 'bigint', name: 'reduced_cents', transformer: minorUnitsColumn, default: 0 },
    closed: { type: 'boolean', default: false },
  },
});
