import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { type PlannedDateChangeEntry, PlannedDateChangeRepository } from '../../application/ports/planned-date-change.repository';
import { PlannedDateChangeEntity } from './planned-date-change.orm-entity';

/** The history of planned-date moves in milestone.planned_date_changes, joining the open unit of work. */
@Injectable()
export class TypeOrmPlannedDateChangeRepository extends PlannedDateChangeRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(change: PlannedDateChangeEntry): Promise<void> {
    await this.unitOfWork.currentManager().insert(PlannedDateChangeEntity, { ...change });
  }

  async listByMilestone(milestoneId: string): Promise<PlannedDateChangeEntry[]> {
    return this.unitOfWork.readManager().find(PlannedDateChangeEntity, { where: { milestoneId }, order: { changedAt: 'ASC', id: 'ASC' } });
  }
}
