import { Injectable } from '@nestjs/common';
import type { AnyEventEnvelope } from '@mb/events';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { ParkedNoticeRepository } from '../../application/ports/parked-notice.repository';
import { ParkedNoticeEntity } from './parked-notice.orm-entity';

@Injectable()
export class TypeOrmParkedNoticeRepository extends ParkedNoticeRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async park(clientId: string, envelope: AnyEventEnvelope, at: Date): Promise<void> {
    await this.unitOfWork
      .currentManager()
      .createQueryBuilder()
      .insert()
      .into(ParkedNoticeEntity)
      .values({ eventId: envelope.id, clientId, envelope, parkedAt: at })
      // The event is parked already (a redelivery after a retry): it stays as it was.
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  async parkedFor(clientId: string): Promise<AnyEventEnvelope[]> {
    const records = await this.unitOfWork.currentManager().find(ParkedNoticeEntity, {
      where: { clientId },
      order: { parkedAt: 'ASC', eventId: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    return records.map((record) => record.envelope);
  }

  async unpark(eventId: string): Promise<void> {
    await this.unitOfWork.currentManager().delete(ParkedNoticeEntity, { eventId });
  }
}
