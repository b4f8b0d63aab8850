import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { type ConfiguredLadder, DunningLadderRepository } from '../../application/ports/dunning-ladder.port';
import { DunningLadderEntity } from './ledger.orm-entity';

@Injectable()
export class TypeOrmDunningLadderRepository extends DunningLadderRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async find(scope: string): Promise<ConfiguredLadder | null> {
    const record = await this.unitOfWork.readManager().findOneBy(DunningLadderEntity, { scope });
    return record ? { stages: record.stages, updatedAt: record.updatedAt, updatedBy: record.updatedBy } : null;
  }

  async put(scope: string, ladder: ConfiguredLadder): Promise<void> {
    await this.unitOfWork.currentManager().upsert(DunningLadderEntity, { scope, ...ladder, stages: [...ladder.stages] }, ['scope']);
  }

  async remove(scope: string): Promise<boolean> {
    const result = await this.unitOfWork.currentManager().delete(DunningLadderEntity, { scope });
    return (result.affected ?? 0) > 0;
  }
}
