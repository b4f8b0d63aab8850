import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ConcurrentUpdate } from '@mb/kernel';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { ChangeOrder, type ChangeOrderSnapshot } from '../../domain/change-order/change-order';
import { ChangeOrderErrors } from '../../domain/change-order/change-order.errors';
import { ChangeOrderRepository } from '../../application/ports/change-order.repository';
import { ChangeOrderEntity, type ChangeOrderRecord, milestoneJsonOf, milestoneOfJson } from './change-order.orm-entity';

const ONE_OPEN_PER_CONTRACT_INDEX = 'change_orders_one_open_per_contract';

@Injectable()
export class TypeOrmChangeOrderRepository extends ChangeOrderRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(changeOrder: ChangeOrder, now: Date): Promise<number> {
    const snapshot = changeOrder.snapshot();
    try {
      await this.unitOfWork.currentManager().insert(ChangeOrderEntity, { ...recordOf(snapshot, now), version: 1 });
    } catch (error) {
      if (isUniqueViolationOf(error, ONE_OPEN_PER_CONTRACT_INDEX)) throw ChangeOrderErrors.alreadyOpen(snapshot.contractId, null);
      throw error;
    }
    return 1;
  }

  async findById(id: string): Promise<ChangeOrder | null> {
    const record = await this.unitOfWork.readManager().findOneBy(ChangeOrderEntity, { id });
    return record ? ChangeOrder.restore(snapshotOf(record)) : null;
  }

  async findOpenByContract(contractId: string): Promise<ChangeOrder | null> {
    const record = await this.unitOfWork.readManager().findOneBy(ChangeOrderEntity, { contractId, status: 'proposed' });
    return record ? ChangeOrder.restore(snapshotOf(record)) : null;
  }

  async listByContract(contractId: string): Promise<ChangeOrder[]> {
    const records = await this.unitOfWork.readManager().find(ChangeOrderEntity, { where: { contractId }, order: { proposedAt: 'ASC', id: 'ASC' } });
    return records.map((record) => ChangeOrder.restore(snapshotOf(record)));
  }

  async save(changeOrder: ChangeOrder, now: Date): Promise<number> {
    const snapshot = changeOrder.snapshot();
    const { id, version, ...fields } = recordOf(snapshot, now);
    const result = await this.unitOfWork.currentManager().update(ChangeOrderEntity, { id, version }, { ...fields, version: version + 1 });
    if (result.affected !== 1) throw new ConcurrentUpdate('change_order', id);
    return version + 1;
  }
}

function recordOf(snapshot: ChangeOrderSnapshot, now: Date): ChangeOrderRecord {
  return {
    ...snapshot,
    milestones: snapshot.milestones.map(milestoneJsonOf),
    milestoneChanges: snapshot.milestoneChanges.map((change) => ({
      milestone_index: change.milestoneIndex,
      kind: change.kind,
      before: change.before === null ? null : milestoneJsonOf(change.before),
      after: change.after === null ? null : milestoneJsonOf(change.after),
    })),
    warnings: [...snapshot.warnings],
    updatedAt: now,
  };
}

function snapshotOf(record: ChangeOrderRecord): ChangeOrderSnapshot {
  const { updatedAt: _updatedAt, ...fields } = record;
  return {
    ...fields,
    milestones: record.milestones.map(milestoneOfJson),
    milestoneChanges: record.milestoneChanges.map((change) => ({
      milestoneIndex: change.milestone_index,
      kind: change.kind,
      before: change.before === null ? null : milestoneOfJson(change.before),
      after: change.after === null ? null : milestoneOfJson(change.after),
    })),
  };
}

function isUniqueViolationOf(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}
