import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { ContractTermsRepository, type ContractTerms } from '../../application/ports/contract-terms.repository';
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
      .values({
        ...terms,
        clientBillingAddress: terms.clientBillingAddress ?? null,
        clientVatId: terms.clientVatId ?? null,
        clientPeppolId: terms.clientPeppolId ?? null,
        activatedAt: new Date(terms.activatedAt),
      })
      // A contract already known keeps its first terms (its primary key is the only unique one).
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  async findById(contractId: string): Promise<ContractTerms | null> {
    const record = await this.unitOfWork.readManager().findOneBy(ContractTermsEntity, { contractId });
    return record ? contractTermsOf(record) : null;
  }
}

function contractTermsOf(record: ContractTermsRecord): ContractTerms {
  const { recordedAt: _recordedAt, activatedAt, ...terms } = record;
  return { ...terms, activatedAt: activatedAt.toISOString() };
}
