import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { Client } from '../../domain/client/client';
import { ClientRepository } from '../../application/ports/client.repository';
import { ClientEntity, type ClientRecord } from './client.orm-entity';

@Injectable()
export class TypeOrmClientRepository extends ClientRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(client: Client, now: Date): Promise<void> {
    const { id, name, apContactEmail, approverEmail, timeZone, billingAddress, vatId, peppolId, language, createdAt } = client.snapshot();
    await this.unitOfWork
      .currentManager()
      .insert(ClientEntity, { id, name, apContactEmail, approverEmail, timeZone, billingAddress, vatId, peppolId, language, createdAt, updatedAt: now, version: 1 });
  }

  async findById(id: string): Promise<Client | null> {
    const record = await this.unitOfWork.readManager().findOneBy(ClientEntity, { id });
    return record ? clientOf(record) : null;
  }

  async findByContactEmail(email: string): Promise<Client[]> {
    const records = await this.unitOfWork
      .readManager()
      .createQueryBuilder(ClientEntity, 'client')
      .where('lower(client.ap_contact_email) = lower(:email) OR lower(client.approver_email) = lower(:email)', { email: email.trim() })
      .orderBy('client.id', 'ASC')
      .getMany();
    return records.map(clientOf);
  }
}

function clientOf(record: ClientRecord): Client {
  return Client.restore({
    id: record.id,
    name: record.name,
    apContactEmail: record.apContactEmail,
    approverEmail: record.approverEmail,
    timeZone: record.timeZone,
    billingAddress: record.billingAddress,
    vatId: record.vatId,
    peppolId: record.peppolId,
    language: record.language,
    createdAt: record.createdAt,
    version: record.version,
  });
}
