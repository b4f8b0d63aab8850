import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { ContractTermsRepository, type ContractTerms, type KnownClient } from '../../application/ports/contract-terms.repository';
import { ContractTermsEntity, type ContractTermsRecord } from './contract-terms.orm-entity';

@Injectable()
export class TypeOrmContractTermsRepository extends ContractTermsRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async remember(terms: ContractTerms): Promise<void> {
    await this.unitOfWork
      .currentManager()
      .createQueryBuilder()
      .insert()
      .into(ContractTermsEntity)
      .values({ ...terms, activatedAt: new Date(terms.activatedAt) })
      // A contract already known keeps its first terms (its primary key is the only unique one).
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  async findById(contractId: string): Promise<ContractTerms | null> {
    const record = await this.unitOfWork.readManager().findOneBy(ContractTermsEntity, { contractId });
    return record ? contractTermsOf(record) : null;
  }

  async findClient(clientId: string): Promise<KnownClient | null> {
    const record = await this.unitOfWork.readManager().findOne(ContractTermsEntity, { where: { clientId }, order: { activatedAt: 'DESC' } });
    return record ? { clientId: record.clientId, clientTimeZone: record.clientTimeZone } : null;
  }
}

function contractTermsOf(record: ContractTermsRecord): ContractTerms {
  const { recordedAt: _recordedAt, activatedAt, ...terms } = record;
  return { ...terms, activatedAt: activatedAt.toISOString() };
}
