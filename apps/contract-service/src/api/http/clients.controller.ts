import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy, ApiIdempotencyKey, ApiIdParam, ApiProblems, type Caller, CurrentCaller, READERS_AND_CLIENT, visibleTo } from '@mb/platform';
import { RegisterClientHandler } from '../../application/register-client/register-client.handler';
import { ContractQueries } from '../../application/queries/contract.queries';
import { ClientResponse, clientView } from './client.response';
import { CreateClientDto, registerClientCommandOf } from './create-client.dto';
import { clientNotFound } from '../../application/queries/contract.queries';

@Controller('v1/clients')
@AccessPolicy<ClientsController>({
  create: ['admin', 'project_manager', 'finance'],
  get: READERS_AND_CLIENT,
})
export class ClientsController {
  constructor(
    private readonly registerClient: RegisterClientHandler,
    private readonly queries: ContractQueries,
  ) {}

  @Post()
  @ApiOperation({ operationId: 'registerClient', summary: 'Register a client' })
  @ApiCreatedResponse({ type: ClientResponse, description: 'The client, registered.' })
  @ApiProblems({ 400: ['request.invalid'], 422: ['client.name_required', 'client.invalid_ap_contact_email', 'client.invalid_approver_email', 'client.invalid_time_zone', 'client.unsupported_language'] })
  @ApiIdempotencyKey()
  async create(@Body() body: CreateClientDto): Promise<ClientResponse> {
    return clientView(await this.registerClient.execute(registerClientCommandOf(body)));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getClient', summary: 'Get a client' })
  @ApiIdParam('id', 'cli', 'The client')
  @ApiOkResponse({ type: ClientResponse, description: 'The client.' })
  @ApiProblems({ 404: ['client.not_found'] })
  async get(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<ClientResponse> {
    // A client-role caller sees its own client only.
    return clientView(visibleTo(caller, { ...(await this.queries.client(id)), clientId: id }, () => clientNotFound(id)));
  }
}
