import { EntitySchema } from 'typeorm';
import { minorUnitsColumn } from '@mb/platform';
import type { ChangeOrderApplyMode, ChangeOrderStatus } from '../../domain/change-order/change-order-status';
import type { ScheduleWarning } from '../../domain/contract/schedule-health';
import type { ScheduledMilestoneJson, ScheduleVersionTermsJson } from './schedule-json';

/** A milestone change as kept in JSON: before and after as the schedule JSON keeps milestones. */
export interface MilestoneChangeJson {
  milestone_index: number;
  kind: 'added' | 'removed' | 'changed';
  before: ScheduledMilestoneJson | null;
  after: ScheduledMilestoneJson | null;
}

/** A row of contract.change_orders. */
export interface ChangeOrderRecord {
  id: string;
  contractId: string;
  clientId: string;
  status: ChangeOrderStatus;
  apply: ChangeOrderApplyMode;
  reason: string;
  baseScheduleVersion: number;
  previousTotalValueCents: number;
  previousNetDays: number;
  totalValueCents: number;
  netDays: number;
  milestones: ScheduledMilestoneJson[];
  milestoneChanges: MilestoneChangeJson[];
  warnings: ScheduleWarning[];
  proposedBy: string;
  proposedAt: Date;
  respondBy: Date | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  rejectionReason: string | null;
  resultingScheduleVersion: number | null;
  updatedAt: Date;
  version: number;
}

export const ChangeOrderEntity = new EntitySchema<ChangeOrderRecord>({
  name: 'ChangeOrder',
  schema: 'contract',
  tableName: 'change_orders',
  columns: {
    id: { type: 'text', primary: true },
    contractId: { type: 'text', name: 'contract_id' },
    clientId: { type: 'text', name: 'client_id' },
    status: { type: 'text' },
    apply: { type: 'text' },
    reason: { type: 'text' },
    baseScheduleVersion: { type: 'integer', name: 'base_schedule_version' },
    previousTotalValueCents: { type: 'bigint', name: 'previous_total_value_cents', transformer: minorUnitsColumn },
    previousNetDays: { type: 'integer', name: 'previous_net_days' },
    totalValueCents: { type: 'bigint', name: 'total_value_cents', transformer: minorUnitsColumn },
    netDays: { type: 'integer', name: 'net_days' },
    milestones: { type: 'jsonb' },
    milestoneChanges: { type: 'jsonb', name: 'milestone_changes' },
    warnings: { type: 'jsonb' },
    proposedBy: { type: 'text', name: 'proposed_by' },
    proposedAt: { type: 'timestamptz', name: 'proposed_at' },
    respondBy: { type: 'timestamptz', name: 'respond_by', nullable: true },
    decidedBy: { type: 'text', name: 'decided_by', nullable: true },
    decidedAt: { type: 'timestamptz', name: 'decided_at', nullable: true },
    rejectionReason: { type: 'text', name: 'rejection_reason', nullable: true },
    resultingScheduleVersion: { type: 'integer', name: 'resulting_schedule_version', nullable: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at' },
    version: { type: 'integer' },
  },
});

/** A row of contract.contract_schedule_versions: one agreed version of a contract's terms. */
export interface ScheduleVersionRecord {
  contractId: string;
  scheduleVersion: number;
  terms: ScheduleVersionTermsJson;
  changeOrderId: string | null;
  approval: 'client' | 'unilateral' | null;
  approvedBy: string | null;
  createdAt: Date;
}

export const ScheduleVersionEntity = new EntitySchema<ScheduleVersionRecord>({
  name: 'ContractScheduleVersion',
  schema: 'contract',
  tableName: 'contract_schedule_versions',
  columns: {
    contractId: { type: 'text', name: 'contract_id', primary: true },
    scheduleVersion: { type: 'integer', name: 'schedule_version', primary: true },
    terms: { type: 'jsonb' },
    changeOrderId: { type: 'text', name: 'change_order_id', nullable: true },
    approval: { type: 'text', nullable: true },
    approvedBy: { type: 'text', name: 'approved_by', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at' },
  },
});
