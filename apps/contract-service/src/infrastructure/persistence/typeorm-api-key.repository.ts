import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { ApiKey, LAST_USED_RESOLUTION_MS } from '../../domain/api-key/api-key';
import { type ApiKeyListFilter, ApiKeyRepository } from '../../application/ports/api-key.repository';
import { ApiKeyEntity, type ApiKeyRecord } from './api-key.orm-entity';

@Injectable()
export class TypeOrmApiKeyRepository extends ApiKeyRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(key: ApiKey): Promise<void> {
    const { secretHash, ...fields } = key.snapshot();
    await this.unitOfWork.currentManager().insert(ApiKeyEntity, { ...fields, secretSha256: secretHash });
  }

  async findById(id: string): Promise<ApiKey | null> {
    const record = await this.unitOfWork.readManager().findOneBy(ApiKeyEntity, { id });
    return record ? apiKeyOf(record) : null;
  }

  async list(filter: ApiKeyListFilter = {}): Promise<ApiKey[]> {
    const query = this.unitOfWork.readManager().createQueryBuilder(ApiKeyEntity, 'key').orderBy('key.id', 'DESC');
    if (filter.kind !== undefined) query.andWhere('key.kind = :kind', { kind: filter.kind });
    // As ApiKey.isAcceptedAt: not revoked, and no expiry or one still ahead (refused from its instant on).
    if (filter.acceptedAt !== undefined) query.andWhere('key.revoked_at IS NULL AND (key.expires_at IS NULL OR key.expires_at > :at)', { at: filter.acceptedAt });
    return (await query.getMany()).map(apiKeyOf);
  }

  async saveRevocation(key: ApiKey): Promise<void> {
    const { id, revokedAt, revokedBy } = key.snapshot();
    // Only an unrevoked key is revoked: two admins at once, and the first one's who and when stay.
    const result = await this.unitOfWork
      .currentManager()
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ revokedAt, revokedBy })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    if (result.affected === 0) throw new Error(`API key ${id} was revoked meanwhile`);
  }

  async recordUse(id: string, at: Date): Promise<void> {
    await this.unitOfWork
      .currentManager()
      .query(`UPDATE contract.api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $2::timestamptz - make_interval(secs => $3))`, [
        id,
        at,
        LAST_USED_RESOLUTION_MS / 1000,
      ]);
  }
}

function apiKeyOf(record: ApiKeyRecord): ApiKey {
  const { secretSha256, ...fields } = record;
  return ApiKey.restore({ ...fields, secretHash: secretSha256 });
}
