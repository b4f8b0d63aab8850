import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy, ApiIdParam, ApiProblems, type Caller, CurrentCaller } from '@mb/platform';
import { LadderConfiguration } from '../../application/configure-ladder/configure-ladder.handler';
import { DunningLadderResponse, dunningLadderResponseOf, ladderOf, PutDunningLadderDto } from './dunning-ladder.dto';

/** Who configures how clients are chased: finance and admins; staff readers may look. */
const LADDER_WRITERS = ['admin', 'finance'] as const;
const LADDER_READERS = ['admin', 'finance', 'project_manager', 'service', 'auditor'] as const;

@Controller('v1')
@AccessPolicy<DunningLadderController>({
  getDefault: LADDER_READERS,
  putDefault: LADDER_WRITERS,
  getForClient: LADDER_READERS,
  putForClient: LADDER_WRITERS,
  deleteForClient: LADDER_WRITERS,
})
export class DunningLadderController {
  constructor(private readonly configuration: LadderConfiguration) {}

  @Get('dunning-ladder')
  @ApiOperation({ operationId: 'getDunningLadder', summary: "The account's dunning ladder", description: 'The built-in default (friendly → firm → final → hand-off decision) until one is configured.' })
  @ApiOkResponse({ type: DunningLadderResponse })
  async getDefault(): Promise<DunningLadderResponse> {
    return dunningLadderResponseOf(await this.configuration.describe(null));
  }

  @Put('dunning-ladder')
  @ApiOperation({
    operationId: 'putDunningLadder',
    summary: "Configure the account's dunning ladder",
    description: 'Applies to cases opened from now on; a case keeps the ladder it opened with.',
  })
  @ApiOkResponse({ type: DunningLadderResponse })
  @ApiProblems({ 400: ['request.invalid'], 422: ['dunning_ladder.invalid'] })
  async putDefault(@Body() body: PutDunningLadderDto, @CurrentCaller() caller: Caller): Promise<DunningLadderResponse> {
    return dunningLadderResponseOf(await this.configuration.put(null, ladderOf(body), caller.subject));
  }

  @Get('clients/:clientId/dunning-ladder')
  @ApiOperation({ operationId: 'getClientDunningLadder', summary: "The dunning ladder a client's new cases run", description: "The client's own ladder, else the account's (see `source`)." })
  @ApiIdParam('clientId', 'cli', 'The client')
  @ApiOkResponse({ type: DunningLadderResponse })
  async getForClient(@Param('clientId') clientId: string): Promise<DunningLadderResponse> {
    return dunningLadderResponseOf(await this.configuration.describe(clientId));
  }

  @Put('clients/:clientId/dunning-ladder')
  @ApiOperation({ operationId: 'putClientDunningLadder', summary: "Configure a client's own dunning ladder", description: "Overrides the account's for the client's cases opened from now on." })
  @ApiIdParam('clientId', 'cli', 'The client')
  @ApiOkResponse({ type: DunningLadderResponse })
  @ApiProblems({ 400: ['request.invalid'], 422: ['dunning_ladder.invalid'] })
  async putForClient(
    @Param('clientId') clientId: string,
    @Body() body: PutDunningLadderDto,
    @CurrentCaller() caller: Caller,
  ): Promise<DunningLadderResponse> {
    return dunningLadderResponseOf(await this.configuration.put(clientId, ladderOf(body), caller.subject));
  }

  @Delete('clients/:clientId/dunning-ladder')
  @HttpCode(200)
  @ApiOperation({ operationId: 'deleteClientDunningLadder', summary: "Remove a client's own dunning ladder", description: "The client's new cases follow the account's ladder again." })
  @ApiIdParam('clientId', 'cli', 'The client')
  @ApiOkResponse({ type: DunningLadderResponse, description: "Removed: the ladder the client's new cases run now (the account's)." })
  @ApiProblems({ 404: ['dunning_ladder.not_found'] })
  async deleteForClient(@Param('clientId') clientId: string): Promise<DunningLadderResponse> {
    await this.configuration.removeOverride(clientId);
    return dunningLadderResponseOf(await this.configuration.describe(clientId));
  }
}
