import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy, ApiIdempotencyKey, ApiIdParam, ApiProblems, type Caller, CurrentCaller, RequestRejection, ROLES } from '@mb/platform';
import { CreateApiKeyHandler } from '../../application/create-api-key/create-api-key.handler';
import { ApiKeyQueries } from '../../application/queries/api-key.queries';
import { RevokeApiKeyHandler } from '../../application/revoke-api-key/revoke-api-key.handler';
import { ApiKeyListResponse, ApiKeyResponse, apiKeyView, CreatedApiKeyResponse } from './api-key.response';
import { CreateApiKeyDto } from './create-api-key.dto';
import { ListApiKeysQuery } from './list-api-keys.dto';

/**
 * API keys for other company systems (issue 12 item 1). contract-service keeps them for all five
 * services: admins create, list and revoke them here; every service's guard accepts a key, the
 * others by asking `GET /v1/api-keys/current` with the key itself.
 */
@Controller('v1/api-keys')
@AccessPolicy<ApiKeysController>({
  create: ['admin'],
  list: ['admin', 'auditor'],
  revoke: ['admin'],
  // Any key may ask who it is (it is how the other services check one); a token is told it is no key.
  current: ROLES,
})
export class ApiKeysController {
  constructor(
    private readonly createApiKey: CreateApiKeyHandler,
    private readonly revokeApiKey: RevokeApiKeyHandler,
    private readonly queries: ApiKeyQueries,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'createApiKey',
    summary: 'Create an API key',
    description:
      'A key for another company system, acting with one role (and, for the client role, one client). The answer shows the key (`mbk_<id>_<secret>`) this once; ' +
      'only the SHA-256 of its secret is stored. Send it as `Authorization: Bearer <key>` to any of the five services.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse, description: 'The key, with its text shown this once.' })
  @ApiProblems({ 400: ['request.invalid'], 422: ['api_key.name_required', 'api_key.client_required', 'api_key.client_not_allowed', 'api_key.unknown_client'] })
  @ApiIdempotencyKey({ neverStored: ['key'] })
  async create(@Body() body: CreateApiKeyDto, @CurrentCaller() caller: Caller): Promise<CreatedApiKeyResponse> {
    const created = await this.createApiKey.execute({ name: body.name, role: body.role, clientId: body.client_id ?? null, createdBy: caller.subject });
    return { ...apiKeyView(created.key), key: created.text };
  }

  @Get()
  @ApiOperation({
    operationId: 'listApiKeys',
    summary: 'List API keys',
    description:
      'The keys that can still be used (neither revoked nor expired), newest first, each with its `kind`: made by an admin (`api_key`) or a client portal session (`portal_session`); never a secret. ' +
      '`include_ended=true` lists revoked and expired keys too (an ended portal session until it is purged, PORTAL_SESSION_RETENTION_DAYS after it ended); `kind` keeps one kind.',
  })
  @ApiOkResponse({ type: ApiKeyListResponse, description: 'The keys.' })
  @ApiProblems({ 400: ['request.invalid'] })
  async list(@Query() query: ListApiKeysQuery): Promise<ApiKeyListResponse> {
    return { data: (await this.queries.list({ kind: query.kind, includeEnded: query.include_ended === 'true' })).map(apiKeyView) };
  }

  @Get('current')
  @ApiOperation({
    operationId: 'getCurrentApiKey',
    summary: 'Describe the API key this request is authenticated with',
    description:
      'Answers for the key in the `Authorization` header: how the other services check a key they are shown (a revoked or unknown key is a 401). ' +
      'A request authenticated with an access token is told it carries no key (400).',
  })
  @ApiOkResponse({ type: ApiKeyResponse, description: 'The key the request carries.' })
  @ApiProblems({ 400: ['api_key.not_presented'] })
  async current(@CurrentCaller() caller: Caller): Promise<ApiKeyResponse> {
    if (caller.apiKeyId === undefined) throw new RequestRejection(400, 'api_key.not_presented', 'this request is authenticated with an access token, not an API key');
    return apiKeyView(await this.queries.byId(caller.apiKeyId));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key',
    description: 'Refused by contract-service at once, and by the other services once their cache of it expires (API_KEY_CACHE_SECONDS, 10 s unless configured).',
  })
  @ApiIdParam('id', 'mbk', 'The key')
  @ApiOkResponse({ type: ApiKeyResponse, description: 'The key, now revoked.' })
  @ApiProblems({ 404: ['api_key.not_found'], 409: ['api_key.already_revoked'] })
  @ApiIdempotencyKey()
  async revoke(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<ApiKeyResponse> {
    return apiKeyView(await this.revokeApiKey.execute({ id, revokedBy: caller.subject }));
  }
}
