import { Controller, Get, Param, Query } from '@nestjs/common';
import { FindCasesQuery } from '../../application/find-cases/find-cases.query';
import { CaseResponse, caseResponseOf } from './case.response';
import { ListCasesQueryDto } from './list-cases.query.dto';

@Controller('v1/cases')
export class CasesController {
  constructor(private readonly findCases: FindCasesQuery) {}

  /** GET /v1/cases?client_id=cli_… — the client's cases, newest first. */
  @Get()
  async list(@Query() query: ListCasesQueryDto): Promise<{ data: CaseResponse[] }> {
    const cases = await this.findCases.ofClient(query.client_id);
    return { data: cases.map(caseResponseOf) };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<CaseResponse> {
    return caseResponseOf(await this.findCases.byId(id));
  }
}
