import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy, ApiIdempotencyKey, ApiIdParam, ApiProblems, type Caller, CurrentCaller, READERS_AND_CLIENT, visibleTo } from '@mb/platform';
import { OpenDisputeHandler } from '../../application/open-dispute/open-dispute.handler';
import { DisputeQueries } from '../../application/queries/dispute.queries';
import { ResolveDisputeHandler } from '../../application/resolve-dispute/resolve-dispute.handler';
import { WithdrawDisputeHandler } from '../../application/withdraw-dispute/withdraw-dispute.handler';
import type { DisputeActor } from '../../domain/dispute/dispute';
import { DisputeErrors } from '../../domain/dispute/dispute.errors';
import { ListDisputesQueryDto, OpenDisputeDto, ResolveDisputeDto, WithdrawDisputeDto } from './dispute.dto';
import { DisputeListResponse, DisputeResponse, disputeResponseOf } from './dispute.response';

/**
 * Issue 11 "Disputes": a client disputes its own invoice (or finance does on its behalf), and
 * finance decides; issue 15: until then the client may withdraw it. Who acted is recorded from the caller.
 */
@Controller('v1')
@AccessPolicy<DisputesController>({
  open: ['admin', 'finance', 'client'],
  resolve: ['admin', 'finance'],
  withdraw: ['admin', 'finance', 'client'],
  list: READERS_AND_CLIENT,
  get: READERS_AND_CLIENT,
})
export class DisputesController {
  constructor(
    private readonly openDispute: OpenDisputeHandler,
    private readonly resolveDispute: ResolveDisputeHandler,
    private readonly withdrawDispute: WithdrawDisputeHandler,
    private readonly queries: DisputeQueries,
  ) {}

  @Post('invoices/:invoiceId/disputes')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'openDispute',
    summary: 'Dispute an invoice, in whole or in part',
    description:
      "A client disputes its own invoice, or finance does on its behalf: `amount_cents` (at most the invoice's open balance; absent: all of it) with a reason. " +
      'One open dispute per invoice. Dunning leaves the invoice alone until the dispute is resolved; `collections.dispute_opened` is published and the client is emailed an acknowledgement.',
  })
  @ApiIdParam('invoiceId', 'inv', 'The invoice disputed')
  @ApiCreatedResponse({ type: DisputeResponse, description: 'The dispute, open.' })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['invoice.not_found'],
    409: ['dispute.already_open', 'dispute.invoice_not_open'],
    422: ['dispute.amount_not_positive', 'dispute.amount_exceeds_balance', 'dispute.reason_required'],
  })
  @ApiIdempotencyKey({ required: true })
  async open(@Param('invoiceId') invoiceId: string, @Body() body: OpenDisputeDto, @CurrentCaller() caller: Caller): Promise<DisputeResponse> {
    return disputeResponseOf(
      await this.openDispute.execute({ invoiceId, amountCents: body.amount_cents, reason: body.reason, openedBy: actorOf(caller), onlyOfClient: caller.clientId }),
    );
  }

  @Get('disputes')
  @ApiOperation({ operationId: 'listDisputes', summary: 'List disputes, newest first', description: "Filter by client and/or status. A client sees its own disputes only." })
  @ApiOkResponse({ type: DisputeListResponse, description: 'The disputes, newest first.' })
  @ApiProblems({ 400: ['request.invalid'] })
  async list(@Query() query: ListDisputesQueryDto, @CurrentCaller() caller: Caller): Promise<DisputeListResponse> {
    // A client naming another client sees nothing, as for a client with no disputes.
    if (caller.clientId !== null && query.client_id !== undefined && query.client_id !== caller.clientId) return { data: [] };
    const disputes = await this.queries.list({ clientId: caller.clientId ?? query.client_id, status: query.status });
    return { data: disputes.map(disputeResponseOf) };
  }

  @Get('disputes/:id')
  @ApiOperation({ operationId: 'getDispute', summary: 'Get a dispute' })
  @ApiIdParam('id', 'dsp', 'The dispute')
  @ApiOkResponse({ type: DisputeResponse, description: 'The dispute, with its resolution once decided.' })
  @ApiProblems({ 404: ['dispute.not_found'] })
  async get(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<DisputeResponse> {
    return disputeResponseOf(visibleTo(caller, await this.queries.byId(id), () => DisputeErrors.notFound(id)));
  }

  @Post('disputes/:id/resolution')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'resolveDispute',
    summary: 'Decide a dispute: upheld or rejected',
    description:
      'Upheld: invoicing issues a credit note on the invoice of `credit_amount_cents` (at most the disputed amount; absent: all of it) with the dispute as its reason. ' +
      'Rejected: the invoice is due again and dunning resumes for it where it stood. `collections.dispute_resolved` is published and the client is emailed the decision with the note.',
  })
  @ApiIdParam('id', 'dsp', 'The dispute')
  @ApiOkResponse({ type: DisputeResponse, description: 'The dispute, resolved.' })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['dispute.not_found'],
    409: ['dispute.already_resolved', 'dispute.concurrent_update'],
    422: ['dispute.note_required', 'dispute.credit_not_positive', 'dispute.credit_exceeds_disputed', 'dispute.credit_on_rejection'],
  })
  @ApiIdempotencyKey({ required: true })
  async resolve(@Param('id') id: string, @Body() body: ResolveDisputeDto, @CurrentCaller() caller: Caller): Promise<DisputeResponse> {
    return disputeResponseOf(
      await this.resolveDispute.execute({ disputeId: id, outcome: body.outcome, note: body.note, creditAmountCents: body.credit_amount_cents, resolvedBy: actorOf(caller) }),
    );
  }

  @Post('disputes/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'withdrawDispute',
    summary: 'Withdraw an open dispute',
    description:
      'The client takes back its own open dispute (or finance does on its behalf), with an optional note. The dispute becomes `withdrawn` (final): ' +
      'nothing is credited, the invoice is no longer in dispute (invoicing clears `in_dispute`) and dunning resumes for it where it stood, as after a rejection. ' +
      '`collections.dispute_withdrawn` is published. A dispute already upheld, rejected or withdrawn is refused (`dispute.already_resolved`).',
  })
  @ApiIdParam('id', 'dsp', 'The dispute')
  @ApiOkResponse({ type: DisputeResponse, description: 'The dispute, withdrawn.' })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['dispute.not_found'],
    409: ['dispute.already_resolved', 'dispute.concurrent_update'],
  })
  @ApiIdempotencyKey({ required: true })
  async withdraw(@Param('id') id: string, @Body() body: WithdrawDisputeDto, @CurrentCaller() caller: Caller): Promise<DisputeResponse> {
    return disputeResponseOf(await this.withdrawDispute.execute({ disputeId: id, note: body.note, withdrawnBy: actorOf(caller), onlyOfClient: caller.clientId }));
  }
}

/** Who acts, as authenticated: a client-role caller is the client; staff act as finance or admin. */
function actorOf(caller: Caller): DisputeActor {
  const role = caller.clientId !== null ? 'client' : caller.roles.includes('finance') ? 'finance' : 'admin';
  return { role, subject: caller.subject };
}
