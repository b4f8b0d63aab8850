import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy, ApiIdParam, ApiProblems, type Caller, CurrentCaller, onlyVisibleTo, READERS_AND_CLIENT, visibleTo } from '@mb/platform';
import { caseNotFound } from '../../domain/case/case.errors';
import { CaseQueries } from '../../application/queries/case.queries';
import { CaseListResponse, CaseResponse, caseResponseOf } from './case.response';
import { ListCasesQueryDto } from './list-cases.dto';

@Controller('v1/cases')
@AccessPolicy<CasesController>({ list: READERS_AND_CLIENT, get: READERS_AND_CLIENT })
export class CasesController {
  constructor(private readonly queries: CaseQueries) {}

  /** GET /v1/cases?client_id=cli_… — the client's cases, newest first. */
  @Get()
  @ApiOperation({ operationId: 'listCases', summary: "List a client's collections cases" })
  @ApiOkResponse({ type: CaseListResponse, description: "The client's cases, newest first; none for a client never overdue (or unknown)." })
  @ApiProblems({ 400: ['request.invalid'] })
  async list(@Query() query: ListCasesQueryDto, @CurrentCaller() caller: Caller): Promise<CaseListResponse> {
    const cases = onlyVisibleTo(caller, await this.queries.ofClient(query.client_id));
    return { data: cases.map(caseResponseOf) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getCase', summary: 'Get a collections case' })
  @ApiIdParam('id', 'case', 'The case')
  @ApiOkResponse({ type: CaseResponse, description: 'The case with its invoices.' })
  @ApiProblems({ 404: ['case.not_found'] })
  async get(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<CaseResponse> {
    return caseResponseOf(visibleTo(caller, await this.queries.byId(id), () => caseNotFound(id)));
  }
}
