import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { ClientCalendarRepository } from '../../application/ports/dunning-ladder.port';
import { ClientTimeZoneEntity } from './ledger.orm-entity';

@Injectable()
export class TypeOrmClientCalendarRepository extends ClientCalendarRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async timeZoneOf(clientId: string): Promise<string> {
    return (await this.unitOfWork.readManager().findOneBy(ClientTimeZoneEntity, { clientId }))?.timeZone ?? 'UTC';
  }

  async remember(clientId: string, timeZone: string, at: Date): Promise<void> {
    await this.unitOfWork.currentManager().upsert(ClientTimeZoneEntity, { clientId, timeZone, updatedAt: at }, ['clientId']);
  }
}
