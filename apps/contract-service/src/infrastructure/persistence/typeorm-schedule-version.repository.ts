import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import type { ScheduleVersion } from '../../domain/contract/schedule-version';
import { ScheduleVersionRepository } from '../../application/ports/schedule-version.repository';
import { ScheduleVersionEntity, type ScheduleVersionRecord, termsJsonOf, termsOfJson } from './change-order.orm-entity';

@Injectable()
export class TypeOrmScheduleVersionRepository extends ScheduleVersionRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(version: ScheduleVersion): Promise<void> {
    await this.unitOfWork.currentManager().insert(ScheduleVersionEntity, { ...version, terms: termsJsonOf(version.terms) });
  }

  async listByContract(contractId: string): Promise<ScheduleVersion[]> {
    const records = await this.unitOfWork.readManager().find(ScheduleVersionEntity, { where: { contractId }, order: { scheduleVersion: 'ASC' } });
    return records.map(versionOf);
  }

  async find(contractId: string, scheduleVersion: number): Promise<ScheduleVersion | null> {
    const record = await this.unitOfWork.readManager().findOneBy(ScheduleVersionEntity, { contractId, scheduleVersion });
    return record ? versionOf(record) : null;
  }
}

function versionOf(record: ScheduleVersionRecord): ScheduleVersion {
  return { ...record, terms: termsOfJson(record.terms) };
}
