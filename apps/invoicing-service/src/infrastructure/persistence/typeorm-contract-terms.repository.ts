import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { IsNull, LessThan } from 'typeorm';
import { type AmendedContractTerms, ContractTermsRepository, type ContractTerms, type KnownClient, type KnownContract } from '../../application/ports/contract-terms.repository';
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

  async amend(contractId: string, terms: AmendedContractTerms): Promise<void> {
    await this.unitOfWork
      .currentManager()
      .update(
        ContractTermsEntity,
        { contractId, scheduleVersion: LessThan(terms.scheduleVersion) },
        { ...terms, clientBillingAddress: terms.clientBillingAddress ?? null, clientVatId: terms.clientVatId ?? null, clientPeppolId: terms.clientPeppolId ?? null },
      );
  }

  async findById(contractId: string, options: { readonly forUpdate?: boolean } = {}): Promise<KnownContract | null> {
    const record = options.forUpdate
      ? await this.unitOfWork.currentManager().findOne(ContractTermsEntity, { where: { contractId }, lock: { mode: 'pessimistic_write' } })
      : await this.unitOfWork.readManager().findOneBy(ContractTermsEntity, { contractId });
    return record ? knownContractOf(record) : null;
  }

  async recordTermination(contractId: string, termination: { readonly terminatedAt: string; readonly reason: string }): Promise<boolean> {
    const manager = this.unitOfWork.currentManager();
    await manager.update(
      ContractTermsEntity,
      { contractId, terminatedAt: IsNull() },
      { terminatedAt: new Date(termination.terminatedAt), terminationReason: termination.reason },
    );
    return (await manager.countBy(ContractTermsEntity, { contractId })) === 1;
  }

  async findClient(clientId: string): Promise<KnownClient | null> {
    const record = await this.unitOfWork.readManager().findOne(ContractTermsEntity, { where: { clientId }, order: { activatedAt: 'DESC' } });
    return record ? { clientId: record.clientId, clientTimeZone: record.clientTimeZone } : null;
  }
}

function knownContractOf(record: ContractTermsRecord): KnownContract {
  const { recordedAt: _recordedAt, activatedAt, terminatedAt, terminationReason: _reason, ...terms } = record;
  return { ...terms, activatedAt: activatedAt.toISOString(), terminatedAt: terminatedAt?.toISOString() ?? null };
}
