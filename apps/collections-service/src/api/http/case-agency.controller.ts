import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { DomainRejection } from '@mb/kernel';
import { AccessPolicy, ApiIdempotencyKey, ApiIdParam, ApiProblems, type Caller, CurrentCaller } from '@mb/platform';
import { AgencyRecoveryRepository } from '../../application/ports/agency-recovery.repository';
import { CaseFileRepository } from '../../application/ports/case-file.port';
import { CaseQueries } from '../../application/queries/case.queries';
import { HandOffCaseHandler } from '../../application/hand-off-case/hand-off-case.handler';
import { RecordAgencyRecoveryHandler } from '../../application/record-agency-recovery/record-agency-recovery.handler';
import { WriteOffCaseHandler } from '../../application/write-off-case/write-off-case.handler';
import { HandOffCaseDto, RecordAgencyRecoveryDto, WriteOffCaseDto } from './agency.dto';
import {
  AgencyRecoveryListResponse,
  AgencyRecoveryResponse,
  agencyRecoveryResponseOf,
  HandedOffCaseResponse,
  handedOffCaseResponseOf,
} from './agency.response';
import { CaseResponse, caseResponseOf } from './case.response';

/**
 * The end of the road for a case (issue 11 items 6 and 7): handing it to a collection agency with a
 * case file, recording what the agency recovers, and writing off the rest. Finance's decisions
 * (and an admin's); the case file holds the client's whole file, so only they download it.
 */
@Controller('v1/cases')
@AccessPolicy<CaseAgencyController>({
  handOff: ['admin', 'finance'],
  caseFile: ['admin', 'finance'],
  recordRecovery: ['admin', 'finance'],
  listRecoveries: ['admin', 'finance', 'auditor'],
  writeOff: ['admin', 'finance'],
})
export class CaseAgencyController {
  constructor(
    private readonly handOffCase: HandOffCaseHandler,
    private readonly recordAgencyRecovery: RecordAgencyRecoveryHandler,
    private readonly writeOffCase: WriteOffCaseHandler,
    private readonly queries: CaseQueries,
    private readonly caseFiles: CaseFileRepository,
    private readonly recoveries: AgencyRecoveryRepository,
  ) {}

  @Post(':id/hand-off')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'handOffCase',
    summary: 'Hand a case to a collection agency, with a case file',
    description:
      'Builds the case file (a zip of the contracts, schedules and approvals with evidence, the invoices and credit notes as JSON and PDF, the payments, ' +
      'the messages sent to the client, and the case itself, with `manifest.json` giving every file its SHA-256 and size), stores it, and hands the case ' +
      'off: status `handed_off`, dunning stops, `collections.handed_off` is published with the balances per currency and the digests, and the client ' +
      "is sent a hand-off notice. A service the file is gathered from that cannot answer makes it a 503 (`case_file.source_unavailable`): nothing changed, retry.",
  })
  @ApiIdParam('id', 'case', 'The case')
  @ApiCreatedResponse({ type: HandedOffCaseResponse, description: 'The case, handed off, and its case file.' })
  @ApiProblems({ 400: ['request.invalid'], 404: ['case.not_found'], 409: ['case.illegal_transition', 'case.concurrent_update'] })
  @ApiIdempotencyKey({ required: true })
  async handOff(@Param('id') id: string, @Body() body: HandOffCaseDto, @CurrentCaller() caller: Caller): Promise<HandedOffCaseResponse> {
    const { collectionsCase, caseFile } = await this.handOffCase.execute({ caseId: id, agency: body.agency, reason: body.reason, by: caller.subject });
    return handedOffCaseResponseOf(collectionsCase, caseFile);
  }

  @Get(':id/case-file')
  @ApiOperation({ operationId: 'getCaseFile', summary: "Download a handed-off case's case file (zip)" })
  @ApiIdParam('id', 'case', 'The case')
  @ApiProduces('application/zip')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The zip as handed over; its SHA-256 is in `collections.handed_off` and the ETag.' })
  @ApiProblems({ 404: ['case.not_found', 'case_file.not_found'] })
  async caseFile(@Param('id') id: string): Promise<StreamableFile> {
    await this.queries.byId(id);
    const caseFile = await this.caseFiles.findByCase(id);
    if (!caseFile) throw new DomainRejection('not_found', 'case_file.not_found', `case ${id} has no case file: it was not handed off`);
    return new StreamableFile(Buffer.from(caseFile.content), {
      type: 'application/zip',
      disposition: `attachment; filename="${caseFile.caseId}-case-file.zip"`,
      length: caseFile.sizeBytes,
    });
  }

  @Post(':id/agency-recoveries')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'recordAgencyRecovery',
    summary: 'Record money a collection agency recovered on a handed-off case',
    description:
      "The gross (`amount_cents`) is recorded as the client's payment in invoicing (method `collection_agency`), which allocates it to the client's open " +
      "invoices in the currency, oldest first; the agency's fee is kept apart here and does not lower what the client owes. " +
      '`collections.agency_recovery_recorded` is published with gross, fee and net. One recovery per case and `external_reference`: the same one again ' +
      'returns it; other amounts under the same reference are refused.',
  })
  @ApiIdParam('id', 'case', 'The handed-off case')
  @ApiCreatedResponse({ type: AgencyRecoveryResponse })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['case.not_found'],
    409: ['agency_recovery.case_not_handed_off', 'agency_recovery.duplicate_reference', 'agency_recovery.payment_refused'],
    422: ['agency_recovery.fee_exceeds_gross', 'agency_recovery.currency_not_in_case', 'agency_recovery.payment_refused'],
  })
  @ApiIdempotencyKey({ required: true })
  async recordRecovery(@Param('id') id: string, @Body() body: RecordAgencyRecoveryDto, @CurrentCaller() caller: Caller): Promise<AgencyRecoveryResponse> {
    return agencyRecoveryResponseOf(
      await this.recordAgencyRecovery.execute({
        caseId: id,
        grossCents: body.amount_cents,
        agencyFeeCents: body.agency_fee_cents,
        currency: body.currency,
        receivedOn: body.received_on,
        externalReference: body.external_reference,
        by: caller.subject,
      }),
    );
  }

  @Get(':id/agency-recoveries')
  @ApiOperation({ operationId: 'listAgencyRecoveries', summary: "List an agency's recoveries on a case, with their fees" })
  @ApiIdParam('id', 'case', 'The case')
  @ApiOkResponse({ type: AgencyRecoveryListResponse })
  @ApiProblems({ 404: ['case.not_found'] })
  async listRecoveries(@Param('id') id: string): Promise<AgencyRecoveryListResponse> {
    await this.queries.byId(id);
    return { data: (await this.recoveries.ofCase(id)).map(agencyRecoveryResponseOf) };
  }

  @Post(':id/write-off')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'writeOffCase',
    summary: 'Write off what an open or handed-off case is still owed, and close it',
    description:
      'Each invoice with a balance is written off: one `collections.written_off` each, on which invoicing marks the invoice uncollectible. The case closes ' +
      'with `collections.case_closed` (resolution `written_off` when every invoice of the case had a balance written off, `partly_written_off` when some were settled in full before), naming who and why.',
  })
  @ApiIdParam('id', 'case', 'The case')
  @ApiOkResponse({ type: CaseResponse, description: 'The case, closed.' })
  @ApiProblems({ 400: ['request.invalid'], 404: ['case.not_found'], 409: ['case.illegal_transition', 'case.concurrent_update'] })
  @ApiIdempotencyKey({ required: true })
  async writeOff(@Param('id') id: string, @Body() body: WriteOffCaseDto, @CurrentCaller() caller: Caller): Promise<CaseResponse> {
    return caseResponseOf(await this.writeOffCase.execute({ caseId: id, reason: body.reason, by: caller.subject }));
  }
}
