import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { ConcurrentUpdate } from '@mb/kernel';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { Contract } from '../../domain/contract/contract';
import type { ScheduledMilestone } from '../../domain/contract/schedule';
import { ContractRepository } from '../../application/ports/contract.repository';
import { ContractEntity, ContractMilestoneEntity, type ContractMilestoneRecord, type ContractRecord } from './contract.orm-entity';

@Injectable()
export class TypeOrmContractRepository extends ContractRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(contract: Contract, now: Date): Promise<number> {
    const manager = this.unitOfWork.currentManager();
    const { milestones, warnings, version: _unsaved, ...contractFields } = contract.snapshot();
    await manager.insert(ContractEntity, { ...contractFields, warnings: [...warnings], updatedAt: now, version: 1 });
    await manager.insert(
      ContractMilestoneEntity,
      milestones.map((milestone) => milestoneRecordOf(contract.id, contractFields.scheduleVersion, milestone)),
    );
    return 1;
  }

  async findById(id: string): Promise<Contract | null> {
    const record = await this.unitOfWork.readManager().findOneBy(ContractEntity, { id });
    if (!record) return null;
    const [contract] = await this.withSchedules([record]);
    return contract;
  }

  async findByClient(clientId: string): Promise<Contract[]> {
    const records = await this.unitOfWork.readManager().find(ContractEntity, { where: { clientId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return this.withSchedules(records);
  }

  async save(contract: Contract, now: Date): Promise<number> {
    const c = contract.snapshot();
    const result = await this.unitOfWork.currentManager().update(
      ContractEntity,
      { id: c.id, version: c.version },
      {
        status: c.status,
        activatedAt: c.activatedAt,
        terminatedAt: c.terminatedAt,
        terminationReason: c.terminationReason,
        totalValueCents: c.totalValueCents,
        netDays: c.netDays,
        scheduleVersion: c.scheduleVersion,
        warnings: [...c.warnings],
        terminationEffectiveDate: c.terminationEffectiveDate,
        terminatedBy: c.terminatedBy,
        completedAt: c.completedAt,
        updatedAt: now,
        version: c.version + 1,
      },
    );
    if (result.affected === 0) {
      throw new ConcurrentUpdate('contract', c.id);
    }
    // An amendment's schedule is a new version beside the old ones, which stay as they were.
    await this.unitOfWork
      .currentManager()
      .createQueryBuilder()
      .insert()
      .into(ContractMilestoneEntity)
      .values(c.milestones.map((milestone) => milestoneRecordOf(c.id, c.scheduleVersion, milestone)))
      .orIgnore()
      .execute();
    return c.version + 1;
  }

  async highestMilestoneIndexEverUsed(contractId: string): Promise<number> {
    const row = await this.unitOfWork
      .readManager()
      .createQueryBuilder(ContractMilestoneEntity, 'milestone')
      .select('max(milestone.milestoneIndex)', 'highest')
      .where('milestone.contractId = :contractId', { contractId })
      .getRawOne<{ highest: number | null }>();
    return row?.highest ?? 0;
  }

  /** Each contract with the milestones of its current schedule version, in index order. */
  private async withSchedules(records: ContractRecord[]): Promise<Contract[]> {
    if (records.length === 0) return [];
    const milestones = await this.unitOfWork.readManager().find(ContractMilestoneEntity, {
      where: { contractId: In(records.map((record) => record.id)) },
      order: { contractId: 'ASC', milestoneIndex: 'ASC' },
    });
    return records.map((record) => {
      const { updatedAt: _updatedAt, ...snapshot } = record;
      const schedule = milestones.filter((milestone) => milestone.contractId === record.id && milestone.scheduleVersion === record.scheduleVersion);
      return Contract.restore({ ...snapshot, milestones: schedule.map(scheduledMilestoneOf) });
    });
  }
}

export function milestoneRecordOf(contractId: string, scheduleVersion: number, milestone: ScheduledMilestone): ContractMilestoneRecord {
  return {
    contractId,
    scheduleVersion,
    milestoneIndex: milestone.milestoneIndex,
    title: milestone.title,
    acceptanceCriteria: milestone.acceptanceCriteria,
    deliverables: [...milestone.deliverables],
    amountCents: milestone.amountCents,
    amountBps: milestone.amountBps,
    billingTrigger: milestone.billingTrigger,
    plannedDate: milestone.plannedDate,
    approvalWindowDays: milestone.approvalWindowDays,
    deemedAcceptance: milestone.deemedAcceptance,
    payoutAccountToken: milestone.payoutDestination?.accountToken ?? null,
    payoutAutoClear: milestone.payoutDestination?.autoClear ?? null,
  };
}

export function scheduledMilestoneOf(record: ContractMilestoneRecord): ScheduledMilestone {
  return {
    milestoneIndex: record.milestoneIndex,
    title: record.title,
    acceptanceCriteria: record.acceptanceCriteria,
    deliverables: record.deliverables,
    amountCents: record.amountCents,
    amountBps: record.amountBps,
    billingTrigger: record.billingTrigger,
    plannedDate: record.plannedDate,
    approvalWindowDays: record.approvalWindowDays,
    deemedAcceptance: record.deemedAcceptance,
    payoutDestination: record.payoutAccountToken !== null ? { accountToken: record.payoutAccountToken, autoClear: record.payoutAutoClear === true } : null,
  };
}
