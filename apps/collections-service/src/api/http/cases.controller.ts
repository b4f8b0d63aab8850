import { Controller, Get, Param, Query } from '@nestjs/common';
import { CaseQueries } from '../../application/queries/case.queries';
import { CaseResponse, caseResponseOf } from './case.response';
import { ListCasesQueryDto } from './list-cases.dto';

@Controller('v1/cases')
export class CasesController {
  constructor(private readonly queries: CaseQueries) {}

  /** GET /v1/cases?client_id=cli_… — the client's cases, newest first. */
  @Get()
  async list(@Query() query: ListCasesQueryDto): Promise<{ data: CaseResponse[] }> {
    const cases = await this.queries.ofClient(query.client_id);
    return { data: cases.map(caseResponseOf) };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<CaseResponse> {
    return caseResponseOf(await this.queries.byId(id));
  }
}
