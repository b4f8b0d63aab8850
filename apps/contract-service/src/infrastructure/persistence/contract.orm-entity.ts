import { EntitySchema } from 'typeorm';
import { minorUnitsColumn } from '@mb/platform';
import type { ContractStatus } from '../../domain/contract/contract-status';
import type { BillingTrigger } from '../../domain/contract/schedule';
import type { ScheduleWarning } from '../../domain/contract/schedule-health';

/** A row of contract.contracts, as TypeORM maps it. */
export interface ContractRecord {
  id: string;
  clientId: string;
  title: string;
  currency: string;
  totalValueCents: number;
  netDays: number;
  taxRateBps: number;
  retainageBps: number;
  purchaseOrderRef: string | null;
  advanceNoticeDays: number;
  /** Calendar date (YYYY-MM-DD text, as TypeORM keeps `date` columns); null when none. */
  retainageReleaseDate: string | null;
  allowsUnilateralChanges: boolean;
  status: ContractStatus;
  scheduleVersion: number;
  warnings: ScheduleWarning[];
  createdAt: Date;
  activatedAt: Date | null;
  terminatedAt: Date | null;
  terminationReason: string | null;
  terminationEffectiveDate: string | null;
  terminatedBy: string | null;
  completedAt: Date | null;
  updatedAt: Date;
  version: number;
}

/** A row of contract.contract_milestones: one milestone of one schedule version. */
export interface ContractMilestoneRecord {
  contractId: string;
  scheduleVersion: number;
  milestoneIndex: number;
  title: string;
  acceptanceCriteria: string;
  deliverables: string[];
  amountCents: number;
  amountBps: number | null;
  billingTrigger: BillingTrigger;
  /** A calendar date: TypeORM keeps `date` columns as YYYY-MM-DD text, never a shifted Date. */
  plannedDate: string | null;
  approvalWindowDays: number | null;
  deemedAcceptance: boolean;
  payoutAccountToken: string | null;
  payoutAutoClear: boolean | null;
}

export const ContractEntity = new EntitySchema<ContractRecord>({
  name: 'Contract',
  schema: 'contract',
  tableName: 'contracts',
  columns: {
    id: { type: 'text', primary: true },
    clientId: { type: 'text', name: 'client_id' },
    title: { type: 'text' },
    currency: { type: 'text' },
    totalValueCents: { type: 'bigint', name: 'total_value_cents', transformer: minorUnitsColumn },
    netDays: { type: 'integer', name: 'net_days' },
    taxRateBps: { type: 'integer', name: 'tax_rate_bps' },
    retainageBps: { type: 'integer', name: 'retainage_bps' },
    purchaseOrderRef: { type: 'text', name: 'purchase_order_ref', nullable: true },
    advanceNoticeDays: { type: 'integer', name: 'advance_notice_days' },
    retainageReleaseDate: { type: 'date', name: 'retainage_release_date', nullable: true },
    allowsUnilateralChanges: { type: 'boolean', name: 'allows_unilateral_changes' },
    status: { type: 'text' },
    scheduleVersion: { type: 'integer', name: 'schedule_version' },
    warnings: { type: 'jsonb' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    activatedAt: { type: 'timestamptz', name: 'activated_at', nullable: true },
    terminatedAt: { type: 'timestamptz', name: 'terminated_at', nullable: true },
    terminationReason: { type: 'text', name: 'termination_reason', nullable: true },
    terminationEffectiveDate: { type: 'date', name: 'termination_effective_date', nullable: true },
    terminatedBy: { type: 'text', name: 'terminated_by', nullable: true },
    completedAt: { type: 'timestamptz', name: 'completed_at', nullable: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
    version: { type: 'integer' },
  },
});

export const ContractMilestoneEntity = new EntitySchema<ContractMilestoneRecord>({
  name: 'ContractMilestone',
  schema: 'contract',
  tableName: 'contract_milestones',
  columns: {
    contractId: { type: 'text', name: 'contract_id', primary: true },
    scheduleVersion: { type: 'integer', name: 'schedule_version', primary: true },
    milestoneIndex: { type: 'integer', name: 'milestone_index', primary: true },
    title: { type: 'text' },
    acceptanceCriteria: { type: 'text', name: 'acceptance_criteria' },
    deliverables: { type: 'jsonb' },
    amountCents: { type: 'bigint', name: 'amount_cents', transformer: minorUnitsColumn },
    amountBps: { type: 'integer', name: 'amount_bps', nullable: true },
    billingTrigger: { type: 'text', name: 'billing_trigger' },
    plannedDate: { type: 'date', name: 'planned_date', nullable: true },
    approvalWindowDays: { type: 'integer', name: 'approval_window_days', nullable: true },
    deemedAcceptance: { type: 'boolean', name: 'deemed_acceptance' },
    payoutAccountToken: { type: 'text', name: 'payout_account_token', nullable: true },
    payoutAutoClear: { type: 'boolean', name: 'payout_auto_clear', nullable: true },
  },
});
