import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy, ApiIdempotencyKey, ApiIdParam, ApiProblems, type Caller, CurrentCaller, onlyVisibleTo, READERS_AND_CLIENT, visibleTo } from '@mb/platform';
import { caseNotFound } from '../../domain/case/case.errors';
import { DecideCaseHandler } from '../../application/decide-case/decide-case.handler';
import { RecordPromiseHandler } from '../../application/record-promise/record-promise.handler';
import { CaseQueries } from '../../application/queries/case.queries';
import { CaseListResponse, CaseResponse, caseResponseOf } from './case.response';
import { DecideCaseDto, RecordPromiseDto } from './case-commands.dto';
import { ListCasesQueryDto } from './list-cases.dto';

@Controller('v1/cases')
@AccessPolicy<CasesController>({
  list: READERS_AND_CLIENT,
  get: READERS_AND_CLIENT,
  // A client promises for its own case; finance may record a promise made by phone.
  recordPromise: ['admin', 'finance', 'client'],
  decide: ['admin', 'finance'],
})
export class CasesController {
  constructor(
    private readonly queries: CaseQueries,
    private readonly recordPromiseHandler: RecordPromiseHandler,
    private readonly decideCase: DecideCaseHandler,
  ) {}

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
  @ApiOkResponse({ type: CaseResponse, description: 'The case with its invoices, balances per currency, holds and promises to pay.' })
  @ApiProblems({ 404: ['case.not_found'] })
  async get(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<CaseResponse> {
    return caseResponseOf(visibleTo(caller, await this.queries.byId(id), () => caseNotFound(id)));
  }

  @Post(':id/promises')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'recordPromiseToPay',
    summary: 'Record a promise to pay',
    description:
      "The case is held (no letters, the ladder waits) until the end of `promised_date` in the client's zone. Then the promise is kept when " +
      'at least `amount_cents` was paid in the currency since (collections.promise_kept, the ladder resumes), else broken ' +
      '(collections.promise_broken, the case escalates one stage with its letter). One pending promise per case.',
  })
  @ApiIdParam('id', 'case', 'The case')
  @ApiCreatedResponse({ type: CaseResponse, description: 'The case, held, with the promise.' })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['case.not_found'],
    409: ['case.not_open', 'case.already_held', 'promise.already_pending', 'case.concurrent_update'],
    422: ['promise.invalid'],
  })
  @ApiIdempotencyKey({ required: true })
  async recordPromise(@Param('id') id: string, @Body() body: RecordPromiseDto, @CurrentCaller() caller: Caller): Promise<CaseResponse> {
    visibleTo(caller, await this.queries.byId(id), () => caseNotFound(id));
    await this.recordPromiseHandler.execute({ caseId: id, promisedDate: body.promised_date, amountCents: body.amount_cents, currency: body.currency, recordedBy: caller.subject });
    return caseResponseOf(await this.queries.byId(id));
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'decideCase',
    summary: 'Decide a stage that waits for a decision',
    description: '`continue` lifts the awaiting_decision hold and moves the case to the next stage now (collections.stage_changed, cause manual).',
  })
  @ApiIdParam('id', 'case', 'The case')
  @ApiOkResponse({ type: CaseResponse, description: 'The case on its next stage.' })
  @ApiProblems({ 400: ['request.invalid'], 404: ['case.not_found'], 409: ['case.not_open', 'case.not_awaiting_decision', 'case.no_next_stage', 'case.concurrent_update'] })
  @ApiIdempotencyKey()
  async decide(@Param('id') id: string, @Body() body: DecideCaseDto): Promise<CaseResponse> {
    await this.decideCase.execute({ caseId: id, decision: body.decision });
    return caseResponseOf(await this.queries.byId(id));
  }
}
