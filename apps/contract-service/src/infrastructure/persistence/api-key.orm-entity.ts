import { EntitySchema } from 'typeorm';
import type { ApiKeyKind } from '../../domain/api-key/api-key';

/** A row of contract.api_keys, as TypeORM maps it. */
export interface ApiKeyRecord {
  id: string;
  kind: ApiKeyKind;
  name: string;
  role: string;
  clientId: string | null;
  secretSha256: string;
  createdAt: Date;
  createdBy: string;
  revokedAt: Date | null;
  revokedBy: string | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  signInLinkId: string | null;
}

export const ApiKeyEntity = new EntitySchema<ApiKeyRecord>({
  name: 'ApiKey',
  schema: 'contract',
  tableName: 'api_keys',
  columns: {
    id: { type: 'text', primary: true },
    kind: { type: 'text' },
    name: { type: 'text' },
    role: { type: 'text' },
    clientId: { type: 'text', name: 'client_id', nullable: true },
    secretSha256: { type: 'text', name: 'secret_sha256' },
    createdAt: { type: 'timestamptz', name: 'created_at' },
    createdBy: { type: 'text', name: 'created_by' },
    revokedAt: { type: 'timestamptz', name: 'revoked_at', nullable: true },
    revokedBy: { type: 'text', name: 'revoked_by', nullable: true },
    lastUsedAt: { type: 'timestamptz', name: 'last_used_at', nullable: true },
    expiresAt: { type: 'timestamptz', name: 'expires_at', nullable: true },
    signInLinkId: { type: 'text', name: 'sign_in_link_id', nullable: true },
  },
});
