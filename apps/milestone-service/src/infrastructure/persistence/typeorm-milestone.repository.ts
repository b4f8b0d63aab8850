import { Injectable } from '@nestjs/common';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import { ConcurrentUpdate } from '@mb/kernel';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { Milestone, type MilestoneSnapshot } from '../../domain/milestone/milestone';
import { isBillingTrigger, isMilestoneStatus } from '../../domain/milestone/milestone-status';
import { type InvoiceOfMilestone, type LoadOptions, MilestoneRepository } from '../../application/ports/milestone.repository';
import { MilestoneEntity, MilestoneInvoiceEntity, type MilestoneRecord } from './milestone.orm-entity';

/** Milestones in milestone.milestones, joining the open unit of work. */
@Injectable()
export class TypeOrmMilestoneRepository extends MilestoneRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(milestone: Milestone): Promise<void> {
    await this.unitOfWork.currentManager().insert(MilestoneEntity, recordOf(milestone.snapshot()));
  }

  async save(milestone: Milestone): Promise<void> {
    const m = milestone.snapshot();
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
              approvedAt: m.approvedAt,
              rejectedAt: m.rejectedAt,
              triggeredAt: m.triggeredAt,
              invoicedAt: m.invoicedAt,
              paidAt: m.paidAt,
              cancelledAt: m.cancelledAt,
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
    const records = await this.managerFor(options).find(MilestoneEntity, {
      where: { contractId },
      order: { milestoneIndex: 'ASC' },
      ...lockOf(options),
    });
    return records.map(milestoneOf);
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

  private async findOne(where: FindOptionsWhere<MilestoneRecord>, options: LoadOptions): Promise<Milestone | null> {
    const record = await this.managerFor(options).findOne(MilestoneEntity, { where, ...lockOf(options) });
    return record ? milestoneOf(record) : null;
  }

  /** A locking read must run in the unit of work's transaction; a plain read may use the pool. */
  private managerFor(options: LoadOptions): EntityManager {
    return options.forUpdate ? this.unitOfWork.currentManager() : this.unitOfWork.readManager();
  }
}

/** SELECT ... FOR UPDATE when asked: consumers of one milestone's events serialise on its row. */
function lockOf(options: LoadOptions): { lock?: { mode: 'pessimistic_write' } } {
  return options.forUpdate ? { lock: { mode: 'pessimistic_write' } } : {};
}

function recordOf(m: MilestoneSnapshot): MilestoneRecord {
  return {
    ...m,
    payoutDestination: m.payoutDestination ? { account_token: m.payoutDestination.accountToken, auto_clear: m.payoutDestination.autoClear } : null,
  };
}

function milestoneOf(record: MilestoneRecord): Milestone {
  const { status, billingTrigger, payoutDestination } = record;
  if (!isMilestoneStatus(status)) throw new Error(`milestone ${record.id}: unknown status ${status}`);
  if (!isBillingTrigger(billingTrigger)) throw new Error(`milestone ${record.id}: unknown billing trigger ${billingTrigger}`);
  return Milestone.restore({
    ...record,
    status,
    billingTrigger,
    payoutDestination: payoutDestination ? { accountToken: payoutDestination.account_token, autoClear: payoutDestination.auto_clear } : null,
  });
}
