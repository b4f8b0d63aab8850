import { ApiProperty } from '@nestjs/swagger';
import { ApiIdProperty, ROLES } from '@mb/platform';
import { API_KEY_KINDS, type ApiKeyKind, type ApiKeySnapshot } from '../../domain/api-key/api-key';

/** An API key as listed: never its secret, nor the secret's hash. */
export class ApiKeyResponse {
  @ApiIdProperty('mbk', 'The key; also the first part of its text')
  id!: string;

  @ApiProperty({
    enum: API_KEY_KINDS,
    example: 'api_key',
    description: '`api_key`: made by an admin for another system (never expires by itself, never purged); `portal_session`: a client portal session a sign-in link opened.',
  })
  kind!: ApiKeyKind;

  @ApiProperty({ example: 'ERP nightly sync' })
  name!: string;

  @ApiProperty({ enum: ROLES, example: 'finance' })
  role!: string;

  @ApiIdProperty('cli', 'For a client-role key, the client it is confined to', { nullable: true })
  client_id!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-12-04T20:00:00.000Z' })
  created_at!: string;

  @ApiProperty({ description: 'The subject of the admin who created it; for a portal session, the sign-in link (`psl_…`) that opened it.', example: 'admin@example.com' })
  created_by!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was revoked; null while it is accepted.' })
  revoked_at!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The subject of the admin who revoked it.' })
  revoked_by!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was last accepted, to the minute (recorded at most once a minute); null: never used.' })
  last_used_at!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it stops being accepted (a client portal session); null: until revoked (every key an admin creates).',
  })
  expires_at!: string | null;
}

/** The answer to creating a key: the only time its text is shown. */
export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({
    description: 'The key to send as `Authorization: Bearer <key>`: shown this once, stored only as a hash, never shown again (nor replayed under an Idempotency-Key).',
    example: 'mbk_01JZ7Q8W5N2X3Y4Z5A6B7C8D9E_q3Zx9c1V0bR7kT2mW8nY4pL6sD5fG1hJ3aK9eU0iO7w',
  })
  key!: string;
}

export class ApiKeyListResponse {
  @ApiProperty({ type: () => [ApiKeyResponse] })
  data!: ApiKeyResponse[];
}

export function apiKeyView(key: ApiKeySnapshot): ApiKeyResponse {
  return {
    id: key.id,
    kind: key.kind,
    name: key.name,
    role: key.role,
    client_id: key.clientId,
    created_at: key.createdAt.toISOString(),
    created_by: key.createdBy,
    revoked_at: key.revokedAt?.toISOString() ?? null,
    revoked_by: key.revokedBy,
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    expires_at: key.expiresAt?.toISOString() ?? null,
  };
}
