import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { ClientBalanceRepository } from '../../application/ports/client-balance.repository';
import { ClientBalance } from '../../domain/client-balance/client-balance';
import { ClientBalanceEntity } from './payment.orm-entity';

@Injectable()
export class TypeOrmClientBalanceRepository extends ClientBalanceRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async lock(clientId: string, currency: string): Promise<ClientBalance> {
    // Created at zero if missing (a concurrent creator's row is kept), then locked: every change to
    // a client's credit queues behind the one before, so the CHECK (>= 0) is never the first guard.
    await this.unitOfWork
      .currentManager()
      .createQueryBuilder()
      .insert()
      .into(ClientBalanceEntity)
      .values({ clientId, currency, unappliedCents: 0, updatedAt: new Date() })
      .orIgnore()
      .updateEntity(false)
      .execute();
    const balance = await this.lockIfAny(clientId, currency);
    if (!balance) throw new Error(`the balance of ${clientId} in ${currency} was not kept`);
    return balance;
  }

  async lockIfAny(clientId: string, currency: string): Promise<ClientBalance | null> {
    const record = await this.unitOfWork
      .currentManager()
      .findOne(ClientBalanceEntity, { where: { clientId, currency }, lock: { mode: 'pessimistic_write' } });
    return record ? ClientBalance.restore({ clientId: record.clientId, currency: record.currency, unappliedCents: record.unappliedCents }) : null;
  }

  async save(balance: ClientBalance): Promise<void> {
    const { clientId, currency, unappliedCents } = balance.snapshot();
    await this.unitOfWork.currentManager().update(ClientBalanceEntity, { clientId, currency }, { unappliedCents, updatedAt: new Date() });
  }
}
