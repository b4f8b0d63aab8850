import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { concurrentUpdate, isBillingTrigger, isMilestoneStatus, Milestone, MilestoneState } from '../../domain/milestone';
import { InvoiceOfMilestone, LoadOptions, MilestoneRepository } from '../../application/ports/milestone.repository';

const TABLE = 'milestone.milestones';

// Dates as text: node-postgres would turn a `date` into a local-time Date and shift the day.
const COLUMNS = `id, contract_id, client_id, milestone_index, title, acceptance_criteria, amount_cents, currency,
  billing_trigger, planned_date::text AS planned_date, approval_window_days, deemed_acceptance, payout_destination,
  schedule_version, status, evidence_url, rejection_reason, cancellation_reason, started_at, submitted_at,
  approval_due_at, approved_at, rejected_at, triggered_at, invoiced_at, paid_at, cancelled_at, created_at, updated_at, version`;

interface MilestoneRow {
  id: string;
  contract_id: string;
  client_id: string;
  milestone_index: number;
  title: string;
  acceptance_criteria: string;
  amount_cents: string;
  currency: string;
  billing_trigger: string;
  planned_date: string | null;
  approval_window_days: number | null;
  deemed_acceptance: boolean;
  payout_destination: { account_token: string; auto_clear: boolean } | null;
  schedule_version: number;
  status: string;
  evidence_url: string | null;
  rejection_reason: string | null;
  cancellation_reason: string | null;
  started_at: Date | null;
  submitted_at: Date | null;
  approval_due_at: Date | null;
  approved_at: Date | null;
  rejected_at: Date | null;
  triggered_at: Date | null;
  invoiced_at: Date | null;
  paid_at: Date | null;
  cancelled_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

/** Milestones in milestone.milestones, through raw SQL in the caller's transaction. */
@Injectable()
export class PostgresMilestoneRepository extends MilestoneRepository {
  async findById(manager: EntityManager, id: string, options: LoadOptions = {}): Promise<Milestone | undefined> {
    return this.one(manager, `SELECT ${COLUMNS} FROM ${TABLE} WHERE id = $1${lock(options)}`, [id]);
  }

  async findByContractAndIndex(manager: EntityManager, contractId: string, milestoneIndex: number, options: LoadOptions = {}): Promise<Milestone | undefined> {
    return this.one(manager, `SELECT ${COLUMNS} FROM ${TABLE} WHERE contract_id = $1 AND milestone_index = $2${lock(options)}`, [contractId, milestoneIndex]);
  }

  async findByInvoice(manager: EntityManager, invoiceId: string, options: LoadOptions = {}): Promise<Milestone | undefined> {
    return this.one(
      manager,
      `SELECT ${COLUMNS} FROM ${TABLE} WHERE id = (SELECT milestone_id FROM milestone.milestone_invoices WHERE invoice_id = $1)${lock(options)}`,
      [invoiceId],
    );
  }

  async listByContract(manager: EntityManager, contractId: string, options: LoadOptions = {}): Promise<Milestone[]> {
    const rows: MilestoneRow[] = await manager.query(`SELECT ${COLUMNS} FROM ${TABLE} WHERE contract_id = $1 ORDER BY milestone_index${lock(options)}`, [contractId]);
    return rows.map(toMilestone);
  }

  async countByContract(manager: EntityManager, contractId: string): Promise<number> {
    const [row]: { count: string }[] = await manager.query(`SELECT count(*) AS count FROM ${TABLE} WHERE contract_id = $1`, [contractId]);
    return Number(row.count);
  }

  async insert(manager: EntityManager, milestone: Milestone): Promise<void> {
    const state = milestone.snapshot;
    await manager.query(
      `INSERT INTO ${TABLE} (id, contract_id, client_id, milestone_index, title, acceptance_criteria, amount_cents, currency,
         billing_trigger, planned_date, approval_window_days, deemed_acceptance, payout_destination, schedule_version,
         status, evidence_url, rejection_reason, cancellation_reason, started_at, submitted_at, approval_due_at, approved_at,
         rejected_at, triggered_at, invoiced_at, paid_at, cancelled_at, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24,
         $25, $26, $27, $28, $29, $30)`,
      [
        state.id,
        state.contractId,
        state.clientId,
        state.milestoneIndex,
        state.title,
        state.acceptanceCriteria,
        state.amountCents,
        state.currency,
        state.billingTrigger,
        state.plannedDate,
        state.approvalWindowDays,
        state.deemedAcceptance,
        payoutDestinationJson(state),
        state.scheduleVersion,
        ...mutableValues(state),
        state.createdAt,
        state.updatedAt,
        state.version,
      ],
    );
  }

  async update(manager: EntityManager, milestone: Milestone): Promise<void> {
    const state = milestone.snapshot;
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE ${TABLE} SET status = $3, evidence_url = $4, rejection_reason = $5, cancellation_reason = $6, started_at = $7,
         submitted_at = $8, approval_due_at = $9, approved_at = $10, rejected_at = $11, triggered_at = $12, invoiced_at = $13,
         paid_at = $14, cancelled_at = $15, updated_at = $16, version = $17
       WHERE id = $1 AND version = $2`,
      [state.id, milestone.loadedVersion, ...mutableValues(state), state.updatedAt, state.version],
    );
    if (affected === 0) throw concurrentUpdate(state.id);
  }

  async recordInvoice(manager: EntityManager, invoice: InvoiceOfMilestone): Promise<void> {
    await manager.query(
      `INSERT INTO milestone.milestone_invoices (invoice_id, invoice_number, milestone_id, issued_on, recorded_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (invoice_id) DO NOTHING`,
      [invoice.invoiceId, invoice.invoiceNumber, invoice.milestoneId, invoice.issuedOn, invoice.recordedAt],
    );
  }

  private async one(manager: EntityManager, sql: string, parameters: unknown[]): Promise<Milestone | undefined> {
    const rows: MilestoneRow[] = await manager.query(sql, parameters);
    return rows.length === 0 ? undefined : toMilestone(rows[0]);
  }
}

function lock(options: LoadOptions): string {
  return options.forUpdate ? ' FOR UPDATE' : '';
}

/** The columns a transition may change, in the order the statements above use them. */
function mutableValues(state: MilestoneState): unknown[] {
  return [
    state.status,
    state.evidenceUrl,
    state.rejectionReason,
    state.cancellationReason,
    state.startedAt,
    state.submittedAt,
    state.approvalDueAt,
    state.approvedAt,
    state.rejectedAt,
    state.triggeredAt,
    state.invoicedAt,
    state.paidAt,
    state.cancelledAt,
  ];
}

function payoutDestinationJson(state: MilestoneState): string | null {
  const destination = state.payoutDestination;
  return destination ? JSON.stringify({ account_token: destination.accountToken, auto_clear: destination.autoClear }) : null;
}

function toMilestone(row: MilestoneRow): Milestone {
  const amountCents = Number(row.amount_cents);
  if (!Number.isSafeInteger(amountCents)) throw new Error(`milestone ${row.id}: amount ${row.amount_cents} is beyond safe integers`);
  if (!isMilestoneStatus(row.status)) throw new Error(`milestone ${row.id}: unknown status ${row.status}`);
  if (!isBillingTrigger(row.billing_trigger)) throw new Error(`milestone ${row.id}: unknown billing trigger ${row.billing_trigger}`);
  return Milestone.restore({
    id: row.id,
    contractId: row.contract_id,
    clientId: row.client_id,
    milestoneIndex: row.milestone_index,
    title: row.title,
    acceptanceCriteria: row.acceptance_criteria,
    amountCents,
    currency: row.currency,
    billingTrigger: row.billing_trigger,
    plannedDate: row.planned_date,
    approvalWindowDays: row.approval_window_days,
    deemedAcceptance: row.deemed_acceptance,
    payoutDestination: row.payout_destination
      ? { accountToken: row.payout_destination.account_token, autoClear: row.payout_destination.auto_clear }
      : null,
    scheduleVersion: row.schedule_version,
    status: row.status,
    evidenceUrl: row.evidence_url,
    rejectionReason: row.rejection_reason,
    cancellationReason: row.cancellation_reason,
    startedAt: row.started_at,
    submittedAt: row.submitted_at,
    approvalDueAt: row.approval_due_at,
    approvedAt: row.approved_at,
    rejectedAt: row.rejected_at,
    triggeredAt: row.triggered_at,
    invoicedAt: row.invoiced_at,
    paidAt: row.paid_at,
    cancelledAt: row.cancelled_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  });
}
