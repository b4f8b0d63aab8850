import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiIdParam, ApiProblems } from '@mb/platform';
import { CaseQueries } from '../../application/queries/case.queries';
import { CaseListResponse, CaseResponse, caseResponseOf } from './case.response';
import { ListCasesQueryDto } from './list-cases.dto';

@Controller('v1/cases')
export class CasesController {
  constructor(private readonly queries: CaseQueries) {}

  /** GET /v1/cases?client_id=cli_… — the client's cases, newest first. */
  @Get()
  @ApiOperation({ operationId: 'listCases', summary: "List a client's collections cases" })
  @ApiOkResponse({ type: CaseListResponse, description: "The client's cases, newest first; none for a client never overdue (or unknown)." })
  @ApiProblems({ 400: ['request.invalid'] })
  async list(@Query() query: ListCasesQueryDto): Promise<CaseListResponse> {
    const cases = await this.queries.ofClient(query.client_id);
    return { data: cases.map(caseResponseOf) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getCase', summary: 'Get a collections case' })
  @ApiIdParam('id', 'case', 'The case')
  @ApiOkResponse({ type: CaseResponse, description: 'The case with its invoices.' })
  @ApiProblems({ 404: ['case.not_found'] })
  async get(@Param('id') id: string): Promise<CaseResponse> {
    return caseResponseOf(await this.queries.byId(id));
  }
}
