import { EntitySchema } from 'typeorm';
import { minorUnitsColumn } from '@mb/platform';

/** payout_destination as stored: the catalogue's snake_case shape. */
export interface PayoutDestinationJson {
  account_token: string;
  auto_clear: boolean;
}

/** A row of milestone.milestones, as TypeORM maps it. */
export interface MilestoneRecord {
  id: string;
  contractId: string;
  clientId: string;
  milestoneIndex: number;
  title: string;
  acceptanceCriteria: string;
  amountCents: number;
  currency: string;
  /** Checked by the table (CHECK constraint) and again when restored. */
  billingTrigger: string;
  /** A calendar date: TypeORM keeps `date` columns as YYYY-MM-DD text, never a shifted Date. */
  plannedDate: string | null;
  netDays: number | null;
  advanceNoticeDays: number;
  clientTimeZone: string;
  /** Calendar dates, as plannedDate. */
  dueSoonAnnouncedFor: string | null;
  delayAnnouncedFor: string | null;
  approvalWindowDays: number | null;
  deemedAcceptance: boolean;
  payoutDestination: PayoutDestinationJson | null;
  scheduleVersion: number;
  /** Checked by the table (CHECK constraint) and again when restored. */
  status: string;
  evidenceUrl: string | null;
  rejectionReason: string | null;
  cancellationReason: string | null;
  startedAt: Date | null;
  submittedAt: Date | null;
  approvalDueAt: Date | null;
  deemedAcceptedAt: Date | null;
  approvalLapsedAt: Date | null;
  approvedAt: Date | null;
  rejectedAt: Date | null;
  triggeredAt: Date | null;
  invoicedAt: Date | null;
  paidAt: Date | null;
  cancelledAt: Date | null;
  billedAmountCents: number | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** A row of milestone.milestone_invoices: which invoice bills which milestone. */
export interface MilestoneInvoiceRecord {
  invoiceId: string;
  invoiceNumber: string;
  milestoneId: string;
  /** A calendar date, YYYY-MM-DD. */
  issuedOn: string;
  recordedAt: Date;
}

/** A row of milestone.billing_holds: one billing hold of a milestone, kept after its release. */
export interface BillingHoldRecord {
  id: string;
  milestoneId: string;
  reason: string;
  placedBy: string;
  placedAt: Date;
  releasedBy: string | null;
  releasedAt: Date | null;
}

export const MilestoneEntity = new EntitySchema<MilestoneRecord>({
  name: 'Milestone',
  schema: 'milestone',
  tableName: 'milestones',
  columns: {
    id: { type: 'text', primary: true },
    contractId: { type: 'text', name: 'contract_id' },
    clientId: { type: 'text', name: 'client_id' },
    milestoneIndex: { type: 'integer', name: 'milestone_index' },
    title: { type: 'text' },
    acceptanceCriteria: { type: 'text', name: 'acceptance_criteria' },
    amountCents: { type: 'bigint', name: 'amount_cents', transformer: minorUnitsColumn },
    currency: { type: 'text' },
    billingTrigger: { type: 'text', name: 'billing_trigger' },
    plannedDate: { type: 'date', name: 'planned_date', nullable: true },
    netDays: { type: 'integer', name: 'net_days', nullable: true },
    advanceNoticeDays: { type: 'integer', name: 'advance_notice_days' },
    clientTimeZone: { type: 'text', name: 'client_time_zone' },
    dueSoonAnnouncedFor: { type: 'date', name: 'due_soon_announced_for', nullable: true },
    delayAnnouncedFor: { type: 'date', name: 'delay_announced_for', nullable: true },
    approvalWindowDays: { type: 'integer', name: 'approval_window_days', nullable: true },
    deemedAcceptance: { type: 'boolean', name: 'deemed_acceptance' },
    payoutDestination: { type: 'jsonb', name: 'payout_destination', nullable: true },
    scheduleVersion: { type: 'integer', name: 'schedule_version' },
    status: { type: 'text' },
    evidenceUrl: { type: 'text', name: 'evidence_url', nullable: true },
    rejectionReason: { type: 'text', name: 'rejection_reason', nullable: true },
    cancellationReason: { type: 'text', name: 'cancellation_reason', nullable: true },
    startedAt: { type: 'timestamptz', name: 'started_at', nullable: true },
    submittedAt: { type: 'timestamptz', name: 'submitted_at', nullable: true },
    approvalDueAt: { type: 'timestamptz', name: 'approval_due_at', nullable: true },
    deemedAcceptedAt: { type: 'timestamptz', name: 'deemed_accepted_at', nullable: true },
    approvalLapsedAt: { type: 'timestamptz', name: 'approval_lapsed_at', nullable: true },
    approvedAt: { type: 'timestamptz', name: 'approved_at', nullable: true },
    rejectedAt: { type: 'timestamptz', name: 'rejected_at', nullable: true },
    triggeredAt: { type: 'timestamptz', name: 'triggered_at', nullable: true },
    invoicedAt: { type: 'timestamptz', name: 'invoiced_at', nullable: true },
    paidAt: { type: 'timestamptz', name: 'paid_at', nullable: true },
    cancelledAt: { type: 'timestamptz', name: 'cancelled_at', nullable: true },
    billedAmountCents: { type: 'bigint', name: 'billed_amount_cents', nullable: true, transformer: minorUnitsColumn },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
    version: { type: 'integer' },
  },
});

export const MilestoneInvoiceEntity = new EntitySchema<MilestoneInvoiceRecord>({
  name: 'MilestoneInvoice',
  schema: 'milestone',
  tableName: 'milestone_invoices',
  columns: {
    invoiceId: { type: 'text', name: 'invoice_id', primary: true },
    invoiceNumber: { type: 'text', name: 'invoice_number' },
    milestoneId: { type: 'text', name: 'milestone_id' },
    issuedOn: { type: 'date', name: 'issued_on' },
    recordedAt: { type: 'timestamptz', name: 'recorded_at' },
  },
});

export const BillingHoldEntity = new EntitySchema<BillingHoldRecord>({
  name: 'BillingHold',
  schema: 'milestone',
  tableName: 'billing_holds',
  columns: {
    id: { type: 'text', primary: true },
    milestoneId: { type: 'text', name: 'milestone_id' },
    reason: { type: 'text' },
    placedBy: { type: 'text', name: 'placed_by' },
    placedAt: { type: 'timestamptz', name: 'placed_at' },
    releasedBy: { type: 'text', name: 'released_by', nullable: true },
    releasedAt: { type: 'timestamptz', name: 'released_at', nullable: true },
  },
});
