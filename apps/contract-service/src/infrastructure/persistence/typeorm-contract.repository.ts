import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainRejection } from '@mb/kernel';
import { Contract, type ContractSnapshot } from '../../../domain/contract/contract';
import type { ContractStatus } from '../../../domain/contract/contract-status';
import type { BillingTrigger, ScheduledMilestone } from '../../../domain/contract/schedule';
import type { ScheduleWarning } from '../../../domain/contract/schedule-health';
import { ContractRepository } from '../../../application/ports/repositories';

interface ContractRow {
  id: string;
  client_id: string;
  title: string;
  currency: string;
  total_value_cents: string;
  net_days: number;
  tax_rate_bps: number;
  retainage_bps: number;
  purchase_order_ref: string | null;
  status: ContractStatus;
  schedule_version: number;
  warnings: ScheduleWarning[];
  created_at: Date;
  activated_at: Date | null;
  completed_at: Date | null;
  terminated_at: Date | null;
  termination_reason: string | null;
  version: number;
}

interface MilestoneRow {
  contract_id: string;
  milestone_index: number;
  title: string;
  acceptance_criteria: string;
  deliverables: string[];
  amount_cents: string;
  amount_bps: number | null;
  billing_trigger: BillingTrigger;
  planned_date: string | null;
  approval_window_days: number | null;
  deemed_acceptance: boolean;
  payout_account_token: string | null;
  payout_auto_clear: boolean | null;
}

const CONTRACT_COLUMNS = `id, client_id, title, currency, total_value_cents, net_days, tax_rate_bps, retainage_bps, purchase_order_ref,
  status, schedule_version, warnings, created_at, activated_at, completed_at, terminated_at, termination_reason, version`;

// planned_date read as text: pg would turn a date into a Date at local midnight and shift it.
const MILESTONE_COLUMNS = `m.contract_id, m.milestone_index, m.title, m.acceptance_criteria, m.deliverables, m.amount_cents, m.amount_bps,
  m.billing_trigger, m.planned_date::text AS planned_date, m.approval_window_days, m.deemed_acceptance, m.payout_account_token, m.payout_auto_clear`;

@Injectable()
export class SqlContractRepository extends ContractRepository {
  async insert(manager: EntityManager, contract: Contract, now: Date): Promise<number> {
    const c = contract.snapshot();
    await manager.query(
      `INSERT INTO contract.contracts (${CONTRACT_COLUMNS}, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 1, $18)`,
      [
        c.id, c.clientId, c.title, c.currency, c.totalValueCents, c.netDays, c.taxRateBps, c.retainageBps, c.purchaseOrderRef,
        c.status, c.scheduleVersion, JSON.stringify(c.warnings), c.createdAt, c.activatedAt, c.completedAt, c.terminatedAt, c.terminationReason, now,
      ],
    );
    for (const m of c.milestones) {
      await manager.query(
        `INSERT INTO contract.contract_milestones (contract_id, schedule_version, milestone_index, title, acceptance_criteria, deliverables,
           amount_cents, amount_bps, billing_trigger, planned_date, approval_window_days, deemed_acceptance, payout_account_token, payout_auto_clear)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          c.id, c.scheduleVersion, m.milestoneIndex, m.title, m.acceptanceCriteria, JSON.stringify(m.deliverables), m.amountCents, m.amountBps,
          m.billingTrigger, m.plannedDate, m.approvalWindowDays, m.deemedAcceptance, m.payoutDestination?.accountToken ?? null,
          m.payoutDestination?.autoClear ?? null,
        ],
      );
    }
    return 1;
  }

  async findById(manager: EntityManager, id: string): Promise<Contract | null> {
    const rows: ContractRow[] = await manager.query(`SELECT ${CONTRACT_COLUMNS} FROM contract.contracts WHERE id = $1`, [id]);
    const [contract] = await this.withSchedules(manager, rows);
    return contract ?? null;
  }

  async findByClient(manager: EntityManager, clientId: string): Promise<Contract[]> {
    const rows: ContractRow[] = await manager.query(`SELECT ${CONTRACT_COLUMNS} FROM contract.contracts WHERE client_id = $1 ORDER BY created_at, id`, [
      clientId,
    ]);
    return this.withSchedules(manager, rows);
  }

  async saveLifecycle(manager: EntityManager, contract: Contract, now: Date): Promise<number> {
    const c = contract.snapshot();
    const updated: unknown[] = await manager.query(
      `UPDATE contract.contracts
          SET status = $3, activated_at = $4, completed_at = $5, terminated_at = $6, termination_reason = $7, updated_at = $8, version = version + 1
        WHERE id = $1 AND version = $2
        RETURNING version`,
      [c.id, c.version, c.status, c.activatedAt, c.completedAt, c.terminatedAt, c.terminationReason, now],
    );
    // TypeORM's postgres driver returns [rows, affectedCount] for UPDATE ... RETURNING.
    const rows = (Array.isArray(updated[0]) ? updated[0] : updated) as { version: number }[];
    if (rows.length === 0) {
      throw new DomainRejection('conflict', 'contract.concurrent_update', `contract ${c.id} was changed by someone else meanwhile; reload it and try again`);
    }
    return rows[0].version;
  }

  private async withSchedules(manager: EntityManager, rows: ContractRow[]): Promise<Contract[]> {
    if (rows.length === 0) return [];
    const milestones: MilestoneRow[] = await manager.query(
      `SELECT ${MILESTONE_COLUMNS}
         FROM contract.contract_milestones m
         JOIN contract.contracts c ON c.id = m.contract_id AND c.schedule_version = m.schedule_version
        WHERE m.contract_id = ANY($1)
        ORDER BY m.contract_id, m.milestone_index`,
      [rows.map((row) => row.id)],
    );
    return rows.map((row) =>
      Contract.restore(
        toSnapshot(
          row,
          milestones.filter((milestone) => milestone.contract_id === row.id),
        ),
      ),
    );
  }
}

function toSnapshot(row: ContractRow, milestones: MilestoneRow[]): ContractSnapshot {
  return {
    id: row.id,
    clientId: row.client_id,
    title: row.title,
    currency: row.currency,
    totalValueCents: centsOf(row.total_value_cents),
    netDays: row.net_days,
    taxRateBps: row.tax_rate_bps,
    retainageBps: row.retainage_bps,
    purchaseOrderRef: row.purchase_order_ref,
    status: row.status,
    scheduleVersion: row.schedule_version,
    milestones: milestones.map(toMilestone),
    warnings: row.warnings,
    createdAt: new Date(row.created_at),
    activatedAt: row.activated_at ? new Date(row.activated_at) : null,
    completedAt: row.completed_at ? new Date(row.completed_at) : null,
    terminatedAt: row.terminated_at ? new Date(row.terminated_at) : null,
    terminationReason: row.termination_reason,
    version: row.version,
  };
}

function toMilestone(row: MilestoneRow): ScheduledMilestone {
  return {
    milestoneIndex: row.milestone_index,
    title: row.title,
    acceptanceCriteria: row.acceptance_criteria,
    deliverables: row.deliverables,
    amountCents: centsOf(row.amount_cents),
    amountBps: row.amount_bps,
    billingTrigger: row.billing_trigger,
    plannedDate: row.planned_date,
    approvalWindowDays: row.approval_window_days,
    deemedAcceptance: row.deemed_acceptance,
    payoutDestination:
      row.payout_account_token !== null ? { accountToken: row.payout_account_token, autoClear: row.payout_auto_clear === true } : null,
  };
}

/** pg returns bigint as text; an amount beyond 2^53 would lose cents, so it is a broken invariant. */
function centsOf(value: string | number): number {
  const cents = Number(value);
  if (!Number.isSafeInteger(cents)) throw new Error(`stored amount ${value} is not a safe integer of cents`);
  return cents;
}
