import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { API_KEY_KINDS, type ApiKeyKind } from '../../domain/api-key/api-key';

/** GET /v1/api-keys's query: what to list. Both kinds, only keys still usable, unless told otherwise. */
export class ListApiKeysQuery {
  @ApiPropertyOptional({ enum: API_KEY_KINDS, description: 'Only keys an admin made (`api_key`) or only client portal sessions (`portal_session`); both unless given.' })
  @IsOptional()
  @IsIn(API_KEY_KINDS)
  kind?: ApiKeyKind;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'false',
    description: 'true: revoked and expired keys too (ended portal sessions are kept PORTAL_SESSION_RETENTION_DAYS, 30 by default); false: only keys that can still be used.',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  include_ended?: 'true' | 'false';
}
