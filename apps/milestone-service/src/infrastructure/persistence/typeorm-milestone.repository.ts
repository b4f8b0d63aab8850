import { Injectable } from '@nestjs/common';
import { type EntityManager, type FindOptionsWhere, In } from 'typeorm';
import { ConcurrentUpdate } from '@mb/kernel';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { type BillingHold, Milestone, type MilestoneSnapshot } from '../../domain/milestone/milestone';
import { isBillingTrigger, isMilestoneStatus } from '../../domain/milestone/milestone-status';
import { type InvoiceOfMilestone, type LoadOptions, MilestoneRepository } from '../../application/ports/milestone.repository';
import { BillingHoldEntity, type BillingHoldRecord, MilestoneEntity, MilestoneInvoiceEntity, type MilestoneRecord } from './milestone.orm-entity';

/** Milestones in milestone.milestones with their billing holds in milestone.billing_holds, joining the open unit of work. */
@Injectable()
export class TypeOrmMilestoneRepository extends MilestoneRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(milestone: Milestone): Promise<void> {
    const snapshot = milestone.snapshot();
    await this.unitOfWork.currentManager().insert(MilestoneEntity, recordOf(snapshot));
    await this.saveBillingHolds(snapshot);
  }

  async save(milestone: Milestone): Promise<void> {
    const m = milestone.snapshot();
    // A new version: a transition, a billing hold placed or released, or the terms amended.
    const transitioned = m.version !== milestone.loadedVersion;
    if (!transitioned && !milestone.planningChanged) return;
    const result = await this.unitOfWork.currentManager().update(
      MilestoneEntity,
      { id: m.id, version: milestone.loadedVersion },
      {
        // Each kind of change writes only its own columns: a transition saved after a planned-date
        // move committed (the move keeps the version) must not write the old date back.
        ...(transitioned
          ? {
              status: m.status,
              evidenceUrl: m.evidenceUrl,
              rejectionReason: m.rejectionReason,
              cancellationReason: m.cancellationReason,
              startedAt: m.startedAt,
              submittedAt: m.submittedAt,
              approvalDueAt: m.approvalDueAt,
              deemedAcceptedAt: m.deemedAcceptedAt,
              approvalLapsedAt: m.approvalLapsedAt,
              approvedAt: m.approvedAt,
              rejectedAt: m.rejectedAt,
              triggeredAt: m.triggeredAt,
              invoicedAt: m.invoicedAt,
              paidAt: m.paidAt,
              cancelledAt: m.cancelledAt,
              // A contract amendment changes the terms, with a new version like a transition.
              title: m.title,
              acceptanceCriteria: m.acceptanceCriteria,
              amountCents: m.amountCents,
              billingTrigger: m.billingTrigger,
              approvalWindowDays: m.approvalWindowDays,
              deemedAcceptance: m.deemedAcceptance,
              payoutDestination: recordOf(m).payoutDestination,
              netDays: m.netDays,
              advanceNoticeDays: m.advanceNoticeDays,
              scheduleVersion: m.scheduleVersion,
              billedAmountCents: m.billedAmountCents,
              version: m.version,
            }
          : {}),
        ...(milestone.planningChanged
          ? { plannedDate: m.plannedDate, dueSoonAnnouncedFor: m.dueSoonAnnouncedFor, delayAnnouncedFor: m.delayAnnouncedFor }
          : {}),
        updatedAt: m.updatedAt,
      },
    );
    if (result.affected === 0) throw new ConcurrentUpdate('milestone', m.id);
    await this.saveBillingHolds(m);
  }

  async findById(id: string, options: LoadOptions = {}): Promise<Milestone | null> {
    return this.findOne({ id }, options);
  }

  async findByContractAndIndex(contractId: string, milestoneIndex: number, options: LoadOptions = {}): Promise<Milestone | null> {
    return this.findOne({ contractId, milestoneIndex }, options);
  }

  async findByInvoice(invoiceId: string, options: LoadOptions = {}): Promise<Milestone | null> {
    // A milestone_invoices row never changes once written, so reading it first needs no lock.
    const invoice = await this.managerFor(options).findOneBy(MilestoneInvoiceEntity, { invoiceId });
    return invoice ? this.findOne({ id: invoice.milestoneId }, options) : null;
  }

  async listByContract(contractId: string, options: LoadOptions = {}): Promise<Milestone[]> {
    const manager = this.managerFor(options);
    const records = await manager.find(MilestoneEntity, {
      where: { contractId },
      order: { milestoneIndex: 'ASC' },
      ...lockOf(options),
    });
    const holds = records.length === 0 ? [] : await manager.find(BillingHoldEntity, { where: { milestoneId: In(records.map(({ id }) => id)) }, order: HOLDS_IN_ORDER });
    return records.map((record) => milestoneOf(record, holds.filter((hold) => hold.milestoneId === record.id)));
  }

  async countByContract(contractId: string): Promise<number> {
    return this.unitOfWork.readManager().countBy(MilestoneEntity, { contractId });
  }

  async recordInvoice(invoice: InvoiceOfMilestone): Promise<void> {
    // orIgnore: ON CONFLICT DO NOTHING, so a second record of the same invoice changes nothing.
    await this.unitOfWork
      .currentManager()
      .createQueryBuilder()
      .insert()
      .into(MilestoneInvoiceEntity)
      .values({ ...invoice })
      .orIgnore()
      .execute();
  }

  /**
   * A hold's row is written when placed and again when released; unchanged rows are left alone
   * (skipUpdateIfNoValuesChanged), so saving a transition rewrites no history.
   */
  private async saveBillingHolds(milestone: MilestoneSnapshot): Promise<void> {
    if (milestone.billingHolds.length === 0) return;
    await this.unitOfWork.currentManager().upsert(
      BillingHoldEntity,
      milestone.billingHolds.map((hold) => ({ ...hold, milestoneId: milestone.id })),
      { conflictPaths: ['id'], skipUpdateIfNoValuesChanged: true },
    );
  }

  private async findOne(where: FindOptionsWhere<MilestoneRecord>, options: LoadOptions): Promise<Milestone | null> {
    const manager = this.managerFor(options);
    const record = await manager.findOne(MilestoneEntity, { where, ...lockOf(options) });
    if (!record) return null;
    // Read after the milestone's row (locked when asked): its holds change only with its version.
    const holds = await manager.find(BillingHoldEntity, { where: { milestoneId: record.id }, order: HOLDS_IN_ORDER });
    return milestoneOf(record, holds);
  }

  /** A locking read must run in the unit of work's transaction; a plain read may use the pool. */
  private managerFor(options: LoadOptions): EntityManager {
    return options.forUpdate ? this.unitOfWork.currentManager() : this.unitOfWork.readManager();
  }
}

const HOLDS_IN_ORDER = { placedAt: 'ASC', id: 'ASC' } as const;

/** SELECT ... FOR UPDATE when asked: consumers of one milestone's events serialise on its row. */
function lockOf(options: LoadOptions): { lock?: { mode: 'pessimistic_write' } } {
  return options.forUpdate ? { lock: { mode: 'pessimistic_write' } } : {};
}

function recordOf(m: MilestoneSnapshot): MilestoneRecord {
  const { billingHolds: _holds, ...milestone } = m;
  return {
    ...milestone,
    payoutDestination: m.payoutDestination ? { account_token: m.payoutDestination.accountToken, auto_clear: m.payoutDestination.autoClear } : null,
  };
}

function milestoneOf(record: MilestoneRecord, holds: readonly BillingHoldRecord[]): Milestone {
  const { status, billingTrigger, payoutDestination } = record;
  if (!isMilestoneStatus(status)) throw new Error(`milestone ${record.id}: unknown status ${status}`);
  if (!isBillingTrigger(billingTrigger)) throw new Error(`milestone ${record.id}: unknown billing trigger ${billingTrigger}`);
  return Milestone.restore({
    ...record,
    status,
    billingTrigger,
    payoutDestination: payoutDestination ? { accountToken: payoutDestination.account_token, autoClear: payoutDestination.auto_clear } : null,
    billingHolds: holds.map(billingHoldOf),
  });
}

function billingHoldOf({ id, reason, placedBy, placedAt, releasedBy, releasedAt }: BillingHoldRecord): BillingHold {
  return { id, reason, placedBy, placedAt, releasedBy, releasedAt };
}
