import type { ContractSnapshot } from './contract';
import type { ScheduledMilestone } from './schedule';
import type { ScheduleWarning } from './schedule-health';

/** The contract's terms as one schedule version agreed them. */
export interface ScheduleVersionTerms {
  readonly title: string;
  readonly currency: string;
  readonly totalValueCents: number;
  readonly netDays: number;
  readonly taxRateBps: number;
  readonly retainageBps: number;
  readonly purchaseOrderRef: string | null;
  readonly advanceNoticeDays: number;
  readonly retainageReleaseDate: string | null;
  readonly milestones: readonly ScheduledMilestone[];
  readonly warnings: readonly ScheduleWarning[];
}

/**
 * Issue 14: every version of a contract's schedule is kept as agreed. Version 1 is the contract as
 * created; each later one names the change order that made it and who approved (or applied) it.
 */
export interface ScheduleVersion {
  readonly contractId: string;
  readonly scheduleVersion: number;
  readonly terms: ScheduleVersionTerms;
  readonly changeOrderId: string | null;
  readonly approval: 'client' | 'unilateral' | null;
  readonly approvedBy: string | null;
  readonly createdAt: Date;
}

/** The version a contract stands at now, made by `changeOrder` (null for the contract as created). */
export function currentScheduleVersionOf(
  contract: ContractSnapshot,
  changeOrder: { readonly id: string; readonly approval: 'client' | 'unilateral'; readonly approvedBy: string } | null,
  at: Date,
): ScheduleVersion {
  return {
    contractId: contract.id,
    scheduleVersion: contract.scheduleVersion,
    terms: {
      title: contract.title,
      currency: contract.currency,
      totalValueCents: contract.totalValueCents,
      netDays: contract.netDays,
      taxRateBps: contract.taxRateBps,
      retainageBps: contract.retainageBps,
      purchaseOrderRef: contract.purchaseOrderRef,
      advanceNoticeDays: contract.advanceNoticeDays,
      retainageReleaseDate: contract.retainageReleaseDate,
      milestones: contract.milestones,
      warnings: contract.warnings,
    },
    changeOrderId: changeOrder?.id ?? null,
    approval: changeOrder?.approval ?? null,
    approvedBy: changeOrder?.approvedBy ?? null,
    createdAt: at,
  };
}
