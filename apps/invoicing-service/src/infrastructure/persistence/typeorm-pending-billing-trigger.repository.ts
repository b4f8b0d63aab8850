import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { PendingBillingTriggerRepository, type PendingBillingTrigger } from '../../application/ports/pending-billing-trigger.repository';
import { PendingBillingTriggerEntity, type PendingBillingTriggerRecord } from './pending-billing-trigger.orm-entity';

@Injectable()
export class TypeOrmPendingBillingTriggerRepository extends PendingBillingTriggerRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async park(trigger: PendingBillingTrigger): Promise<void> {
    await this.unitOfWork
      .currentManager()
      .createQueryBuilder()
      .insert()
      .into(PendingBillingTriggerEntity)
      .values({
        contractId: trigger.contractId,
        milestoneIndex: trigger.milestoneIndex,
        milestoneId: trigger.milestoneId,
        milestoneTitle: trigger.milestone.title,
        amountCents: trigger.milestone.amountCents,
        currency: trigger.milestone.currency,
        eventId: trigger.eventId,
        triggeredAt: trigger.triggeredAt,
      })
      // The milestone's first parked trigger is kept (the primary key is the milestone).
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  async takeAll(contractId: string): Promise<PendingBillingTrigger[]> {
    const manager = this.unitOfWork.currentManager();
    const records = await manager.find(PendingBillingTriggerEntity, { where: { contractId }, order: { milestoneIndex: 'ASC' } });
    if (records.length === 0) return [];
    // Exactly the rows read: one parked meanwhile stays parked rather than vanish unissued.
    await manager.delete(PendingBillingTriggerEntity, { contractId, milestoneIndex: In(records.map((record) => record.milestoneIndex)) });
    return records.map(pendingTriggerOf);
  }
}

function pendingTriggerOf(record: PendingBillingTriggerRecord): PendingBillingTrigger {
  return {
    contractId: record.contractId,
    milestoneIndex: record.milestoneIndex,
    milestoneId: record.milestoneId,
    milestone: { title: record.milestoneTitle, amountCents: record.amountCents, currency: record.currency },
    eventId: record.eventId,
    // Parked before triggered_at was kept: when it was parked is the nearest we know.
    triggeredAt: record.triggeredAt ?? record.receivedAt,
  };
}
