import { EntitySchema } from 'typeorm';
import { minorUnitsColumn } from '@mb/platform';
import type { InvoiceKind } from '../../domain/invoice/invoice';
import type { InvoiceStatus } from '../../domain/invoice/invoice-status';

/** One line of an invoice as the `lines` jsonb column holds it (snake_case, like the API). */
export interface StoredInvoiceLine {
  line_number: number;
  description: string;
  amount_cents: number;
  tax_rate_bps: number;
  tax_cents: number;
  retainage_bps: number;
  retainage_cents: number;
}

/** An invoice a retainage release bills, as the `released_invoices` jsonb column holds it. */
export interface StoredReleasedInvoice {
  invoice_id: string;
  invoice_number: string;
  milestone_title: string | null;
  currency: string;
  retainage_cents: number;
}

/** A row of invoicing.invoices, as TypeORM maps it. */
export interface InvoiceRecord {
  id: string;
  number: string | null;
  status: InvoiceStatus;
  contractId: string;
  clientId: string;
  clientName: string | null;
  clientTimeZone: string;
  contractTitle: string;
  purchaseOrderRef: string | null;
  kind: InvoiceKind;
  milestoneIndex: number | null;
  milestoneTitle: string | null;
  milestoneId: string | null;
  currency: string;
  netDays: number;
  taxRateBps: number;
  retainageBps: number;
  plannedDate: string | null;
  scheduleVersion: number;
  lines: StoredInvoiceLine[];
  releasedInvoices: StoredReleasedInvoice[];
  subtotalCents: number;
  taxCents: number;
  retainageCents: number;
  totalCents: number;
  payableCents: number;
  amountPaidCents: number;
  amountCreditedCents: number;
  paymentIds: string[];
  /** Calendar dates: TypeORM keeps `date` columns as YYYY-MM-DD text, never a shifted Date. */
  issueDate: string | null;
  dueDate: string | null;
  overdueAnnouncedAt: Date | null;
  paidAt: Date | null;
  closedAt: Date | null;
  closingReason: string | null;
  amountWrittenOffCents: number;
  cancelledSubtotalCents: number;
  version: number;
  /** Set by the database on insert (and on every update, for updatedAt). */
  createdAt: Date;
  updatedAt: Date;
}

/** A row of invoicing.invoice_number_series: the last number used in one yearly series. */
export interface InvoiceNumberSeriesRecord {
  series: string;
  lastSequence: number;
}

export const InvoiceEntity = new EntitySchema<InvoiceRecord>({
  name: 'Invoice',
  schema: 'invoicing',
  tableName: 'invoices',
  columns: {
    id: { type: 'text', primary: true },
    number: { type: 'text', nullable: true, unique: true },
    status: { type: 'text' },
    contractId: { type: 'text', name: 'contract_id' },
    clientId: { type: 'text', name: 'client_id' },
    clientName: { type: 'text', name: 'client_name', nullable: true },
    clientTimeZone: { type: 'text', name: 'client_time_zone' },
    contractTitle: { type: 'text', name: 'contract_title' },
    purchaseOrderRef: { type: 'text', name: 'purchase_order_ref', nullable: true },
    kind: { type: 'text', default: 'milestone' },
    milestoneIndex: { type: 'integer', name: 'milestone_index', nullable: true },
    milestoneTitle: { type: 'text', name: 'milestone_title', nullable: true },
    milestoneId: { type: 'text', name: 'milestone_id', nullable: true },
    currency: { type: 'text' },
    netDays: { type: 'integer', name: 'net_days' },
    taxRateBps: { type: 'integer', name: 'tax_rate_bps' },
    retainageBps: { type: 'integer', name: 'retainage_bps' },
    plannedDate: { type: 'date', name: 'planned_date', nullable: true },
    scheduleVersion: { type: 'integer', name: 'schedule_version', default: 1 },
    lines: { type: 'jsonb' },
    releasedInvoices: { type: 'jsonb', name: 'released_invoices', default: () => "'[]'" },
    subtotalCents: { type: 'bigint', name: 'subtotal_cents', transformer: minorUnitsColumn },
    taxCents: { type: 'bigint', name: 'tax_cents', transformer: minorUnitsColumn },
    retainageCents: { type: 'bigint', name: 'retainage_cents', transformer: minorUnitsColumn },
    totalCents: { type: 'bigint', name: 'total_cents', transformer: minorUnitsColumn },
    payableCents: { type: 'bigint', name: 'payable_cents', transformer: minorUnitsColumn },
    amountPaidCents: { type: 'bigint', name: 'amount_paid_cents', transformer: minorUnitsColumn, default: 0 },
    amountCreditedCents: { type: 'bigint', name: 'amount_credited_cents', transformer: minorUnitsColumn, default: 0 },
    paymentIds: { type: 'text', name: 'payment_ids', array: true, default: () => "'{}'" },
    issueDate: { type: 'date', name: 'issue_date', nullable: true },
    dueDate: { type: 'date', name: 'due_date', nullable: true },
    overdueAnnouncedAt: { type: 'timestamptz', name: 'overdue_announced_at', nullable: true },
    paidAt: { type: 'timestamptz', name: 'paid_at', nullable: true },
    closedAt: { type: 'timestamptz', name: 'closed_at', nullable: true },
    closingReason: { type: 'text', name: 'closing_reason', nullable: true },
    amountWrittenOffCents: { type: 'bigint', name: 'amount_written_off_cents', transformer: minorUnitsColumn, default: 0 },
    cancelledSubtotalCents: { type: 'bigint', name: 'cancelled_subtotal_cents', transformer: minorUnitsColumn, default: 0 },
    version: { type: 'integer' },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at', updateDate: true },
  },
  // One invoice per milestone: what InvoiceRepository.add relies on to ignore a redelivered activation
  // (a retainage release has no milestone index, and NULLs are distinct).
  uniques: [{ name: 'invoices_contract_id_milestone_index_key', columns: ['contractId', 'milestoneIndex'] }],
});

export const InvoiceNumberSeriesEntity = new EntitySchema<InvoiceNumberSeriesRecord>({
  name: 'InvoiceNumberSeries',
  schema: 'invoicing',
  tableName: 'invoice_number_series',
  columns: {
    series: { type: 'text', primary: true },
    lastSequence: { type: 'integer', name: 'last_sequence' },
  },
});
