import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { type KnownClient, type KnownContract, RecipientDirectory } from '../../application/ports/recipient-directory.repository';
import { KnownClientEntity, KnownContractEntity } from './recipient-directory.orm-entity';

@Injectable()
export class TypeOrmRecipientDirectory extends RecipientDirectory {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async lockClient(clientId: string): Promise<void> {
    // An advisory lock, not a row lock: the client may have no row yet when its notice is parked.
    await this.unitOfWork.currentManager().query(`SELECT pg_advisory_xact_lock(hashtext('notification.client'), hashtext($1))`, [clientId]);
  }

  async rememberClient(client: KnownClient, at: Date): Promise<void> {
    // A conditional upsert the ORM cannot say: a missing name or email keeps the one known before.
    await this.unitOfWork.currentManager().query(
      `INSERT INTO notification.clients (client_id, client_name, ap_email, approver_email, language, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (client_id) DO UPDATE SET
         client_name = COALESCE(EXCLUDED.client_name, notification.clients.client_name),
         ap_email = COALESCE(EXCLUDED.ap_email, notification.clients.ap_email),
         approver_email = COALESCE(EXCLUDED.approver_email, notification.clients.approver_email),
         language = COALESCE(EXCLUDED.language, notification.clients.language),
         updated_at = EXCLUDED.updated_at`,
      [client.clientId, client.clientName, client.apEmail, client.approverEmail, client.language ?? null, at],
    );
  }

  async rememberContract(contract: KnownContract, at: Date): Promise<void> {
    await this.unitOfWork.currentManager().upsert(KnownContractEntity, { ...contract, updatedAt: at }, ['contractId']);
  }

  async findClient(clientId: string): Promise<KnownClient | null> {
    const record = await this.unitOfWork.readManager().findOneBy(KnownClientEntity, { clientId });
    return record ? { clientId: record.clientId, clientName: record.clientName, apEmail: record.apEmail, approverEmail: record.approverEmail, language: record.language } : null;
  }

  async findContract(contractId: string): Promise<KnownContract | null> {
    const record = await this.unitOfWork.readManager().findOneBy(KnownContractEntity, { contractId });
    return record ? { contractId: record.contractId, clientId: record.clientId, title: record.title } : null;
  }
}
