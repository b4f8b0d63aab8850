import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy, ApiIdempotencyKey, ApiIdParam, ApiProblems, type Caller, CurrentCaller, onlyVisibleTo, READERS_AND_CLIENT, STAFF_READERS, visibleTo } from '@mb/platform';
import { milestoneNotFound } from '../../domain/milestone/milestone.errors';
import { ApproveMilestoneHandler } from '../../application/approve-milestone/approve-milestone.handler';
import { CancelMilestoneHandler } from '../../application/cancel-milestone/cancel-milestone.handler';
import { MovePlannedDateHandler } from '../../application/move-planned-date/move-planned-date.handler';
import { PlaceBillingHoldHandler } from '../../application/place-billing-hold/place-billing-hold.handler';
import { MilestoneQueries } from '../../application/queries/milestone.queries';
import { RejectMilestoneHandler } from '../../application/reject-milestone/reject-milestone.handler';
import { ReleaseBillingHoldHandler } from '../../application/release-billing-hold/release-billing-hold.handler';
import { StartMilestoneHandler } from '../../application/start-milestone/start-milestone.handler';
import { SubmitMilestoneHandler } from '../../application/submit-milestone/submit-milestone.handler';
import {
  CancelMilestoneDto,
  MovePlannedDateDto,
  PlaceBillingHoldDto,
  RejectMilestoneDto,
  ReleaseBillingHoldDto,
  SubmitMilestoneDto,
} from './milestone.dto';
import {
  BillingHoldListResponse,
  billingHoldResponseOf,
  MilestoneListResponse,
  MilestoneResponse,
  milestoneResponseOf,
  PlannedDateChangeListResponse,
  plannedDateChangeResponseOf,
} from './milestone.response';

/** The milestone lifecycle over HTTP; an illegal transition is a 409 milestone.illegal_transition. */
@Controller('v1')
@AccessPolicy<MilestonesController>({
  listByContract: READERS_AND_CLIENT,
  get: READERS_AND_CLIENT,
  start: ['admin', 'project_manager', 'service'],
  submit: ['admin', 'project_manager', 'service'],
  // Approval is the client's word (or an admin's on its behalf), never the supplier's own.
  approve: ['admin', 'client'],
  reject: ['admin', 'client'],
  cancel: ['admin', 'project_manager'],
  placeHold: ['admin', 'finance', 'project_manager'],
  releaseHold: ['admin', 'finance'],
  listHolds: STAFF_READERS,
  move: ['admin', 'project_manager'],
  plannedDateChanges: STAFF_READERS,
})
export class MilestonesController {
  constructor(
    private readonly queries: MilestoneQueries,
    private readonly startMilestone: StartMilestoneHandler,
    private readonly submitMilestone: SubmitMilestoneHandler,
    private readonly approveMilestone: ApproveMilestoneHandler,
    private readonly rejectMilestone: RejectMilestoneHandler,
    private readonly cancelMilestone: CancelMilestoneHandler,
    private readonly placeBillingHold: PlaceBillingHoldHandler,
    private readonly releaseBillingHold: ReleaseBillingHoldHandler,
    private readonly movePlannedDate: MovePlannedDateHandler,
  ) {}

  @Get('contracts/:contractId/milestones')
  @ApiOperation({ operationId: 'listContractMilestones', summary: "List a contract's milestones" })
  @ApiIdParam('contractId', 'con', 'The contract')
  @ApiOkResponse({ type: MilestoneListResponse, description: 'The milestones in schedule order; none for a contract not (yet) activated, or unknown.' })
  async listByContract(@Param('contractId') contractId: string, @CurrentCaller() caller: Caller): Promise<MilestoneListResponse> {
    return { data: onlyVisibleTo(caller, await this.queries.byContract(contractId)).map(milestoneResponseOf) };
  }

  @Get('milestones/:id')
  @ApiOperation({ operationId: 'getMilestone', summary: 'Get a milestone' })
  @ApiIdParam('id', 'ms', 'The milestone')
  @ApiOkResponse({ type: MilestoneResponse, description: 'The milestone.' })
  @ApiProblems({ 404: ['milestone.not_found'] })
  async get(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<MilestoneResponse> {
    return milestoneResponseOf(visibleTo(caller, await this.queries.byId(id), () => milestoneNotFound(id)));
  }

  @Post('milestones/:id/start')
  @HttpCode(200)
  @ApiOperation({ operationId: 'startMilestone', summary: 'Start work on a milestone', description: 'From planned, or from rejected to do the work again.' })
  @ApiIdParam('id', 'ms', 'The milestone')
  @ApiOkResponse({ type: MilestoneResponse, description: 'The milestone, now in_progress.' })
  @ApiProblems({ 404: ['milestone.not_found'], 409: ['milestone.illegal_transition', 'milestone.concurrent_update'] })
  @ApiIdempotencyKey()
  async start(@Param('id') id: string): Promise<MilestoneResponse> {
    return milestoneResponseOf(await this.startMilestone.execute(id));
  }

  @Post('milestones/:id/submit')
  @HttpCode(200)
  @ApiOperation({ operationId: 'submitMilestone', summary: 'Submit a milestone for approval, with evidence', description: 'An on_completion milestone becomes billable (triggered_for_disbursement) at once; otherwise the approval window, if any, starts.' })
  @ApiIdParam('id', 'ms', 'The milestone')
  @ApiOkResponse({ type: MilestoneResponse, description: 'The milestone, now submitted (or triggered_for_disbursement).' })
  @ApiProblems({ 400: ['request.invalid'], 404: ['milestone.not_found'], 409: ['milestone.illegal_transition', 'milestone.concurrent_update'], 422: ['milestone.invalid_evidence'] })
  @ApiIdempotencyKey()
  async submit(@Param('id') id: string, @Body() body: SubmitMilestoneDto): Promise<MilestoneResponse> {
    return milestoneResponseOf(await this.submitMilestone.execute(id, body.evidence_url));
  }

  @Post('milestones/:id/approve')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'approveMilestone',
    summary: 'Approve a submitted milestone',
    description: 'An on_approval milestone becomes billable (triggered_for_disbursement) right after. Closes the approval window. Refused once the window closed as deemed acceptance.',
  })
  @ApiIdParam('id', 'ms', 'The milestone')
  @ApiOkResponse({ type: MilestoneResponse, description: 'The milestone, now approved (or triggered_for_disbursement).' })
  @ApiProblems({ 404: ['milestone.not_found'], 409: ['milestone.illegal_transition', 'milestone.deemed_accepted', 'milestone.concurrent_update'] })
  @ApiIdempotencyKey()
  async approve(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<MilestoneResponse> {
    // A client answers for its own milestones only; another client's is as good as unknown.
    visibleTo(caller, await this.queries.byId(id), () => milestoneNotFound(id));
    return milestoneResponseOf(await this.approveMilestone.execute(id));
  }

  @Post('milestones/:id/reject')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rejectMilestone',
    summary: 'Reject a submitted milestone, with a reason',
    description: 'The work goes back to be done again (start). Closes the approval window. Refused once the window closed as deemed acceptance.',
  })
  @ApiIdParam('id', 'ms', 'The milestone')
  @ApiOkResponse({ type: MilestoneResponse, description: 'The milestone, now rejected.' })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['milestone.not_found'],
    409: ['milestone.illegal_transition', 'milestone.deemed_accepted', 'milestone.concurrent_update'],
    422: ['milestone.invalid_reason'],
  })
  @ApiIdempotencyKey()
  async reject(@Param('id') id: string, @Body() body: RejectMilestoneDto, @CurrentCaller() caller: Caller): Promise<MilestoneResponse> {
    visibleTo(caller, await this.queries.byId(id), () => milestoneNotFound(id));
    return milestoneResponseOf(await this.rejectMilestone.execute(id, body.reason));
  }

  @Post('milestones/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ operationId: 'cancelMilestone', summary: 'Cancel a milestone, with a reason', description: 'Any state before its billing trigger fires (triggered_for_disbursement): reversing billing is a void or credit note on the invoice.' })
  @ApiIdParam('id', 'ms', 'The milestone')
  @ApiOkResponse({ type: MilestoneResponse, description: 'The milestone, now cancelled.' })
  @ApiProblems({ 400: ['request.invalid'], 404: ['milestone.not_found'], 409: ['milestone.illegal_transition', 'milestone.concurrent_update'], 422: ['milestone.invalid_reason'] })
  @ApiIdempotencyKey()
  async cancel(@Param('id') id: string, @Body() body: CancelMilestoneDto): Promise<MilestoneResponse> {
    return milestoneResponseOf(await this.cancelMilestone.execute(id, body.reason));
  }

  @Post('milestones/:id/billing-hold')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'placeBillingHold',
    summary: "Place a billing hold on a milestone, with a reason and who places it",
    description:
      'Before the billing trigger (planned, in_progress, submitted, approved, rejected). While held, the trigger is still recorded ' +
      '(triggered_for_disbursement, announced with billing_hold true) but no invoice is issued until the release. placed_by is free text until the API authenticates its callers.',
  })
  @ApiIdParam('id', 'ms', 'The milestone')
  @ApiOkResponse({ type: MilestoneResponse, description: 'The milestone, its billing_hold now set.' })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['milestone.not_found'],
    409: ['milestone.already_held', 'milestone.illegal_transition', 'milestone.concurrent_update'],
    422: ['milestone.invalid_reason', 'milestone.invalid_actor'],
  })
  @ApiIdempotencyKey()
  async placeHold(@Param('id') id: string, @Body() body: PlaceBillingHoldDto): Promise<MilestoneResponse> {
    return milestoneResponseOf(await this.placeBillingHold.execute({ milestoneId: id, reason: body.reason, placedBy: body.placed_by }));
  }

  @Post('milestones/:id/billing-hold/release')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'releaseBillingHold',
    summary: "Release a milestone's billing hold, with who releases it",
    description:
      'In any state. A milestone triggered_for_disbursement under the hold is invoiced at once: milestone.status_updated is published again, ' +
      'same status, billing_hold false. released_by is free text until the API authenticates its callers.',
  })
  @ApiIdParam('id', 'ms', 'The milestone')
  @ApiOkResponse({ type: MilestoneResponse, description: 'The milestone, its billing_hold now null.' })
  @ApiProblems({ 400: ['request.invalid'], 404: ['milestone.not_found'], 409: ['milestone.not_held', 'milestone.concurrent_update'], 422: ['milestone.invalid_actor'] })
  @ApiIdempotencyKey()
  async releaseHold(@Param('id') id: string, @Body() body: ReleaseBillingHoldDto): Promise<MilestoneResponse> {
    return milestoneResponseOf(await this.releaseBillingHold.execute({ milestoneId: id, releasedBy: body.released_by }));
  }

  @Get('milestones/:id/billing-holds')
  @ApiOperation({ operationId: 'listBillingHolds', summary: "List a milestone's billing holds, newest first", description: 'Every hold ever placed, released ones included, with who and when.' })
  @ApiIdParam('id', 'ms', 'The milestone')
  @ApiOkResponse({ type: BillingHoldListResponse, description: 'The history of billing holds, newest first.' })
  @ApiProblems({ 404: ['milestone.not_found'] })
  async listHolds(@Param('id') id: string): Promise<BillingHoldListResponse> {
    return { data: (await this.queries.billingHoldsOf(id)).map(billingHoldResponseOf) };
  }

  @Patch('milestones/:id')
  @ApiOperation({
    operationId: 'moveMilestonePlannedDate',
    summary: "Move a milestone's planned date, with a reason",
    description:
      'Only the planned date changes (today or later), while the milestone is planned, in_progress or rejected. The move is kept in the history ' +
      '(GET …/planned-date-changes); a delay announced for the old date is cleared, and the advance notice and the delay check are set for the new one. ' +
      'No transition: `version` stays. Publishes no event.',
  })
  @ApiIdParam('id', 'ms', 'The milestone')
  @ApiOkResponse({ type: MilestoneResponse, description: 'The milestone with its new planned date.' })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['milestone.not_found'],
    409: ['milestone.not_reschedulable'],
    422: ['milestone.invalid_planned_date', 'milestone.invalid_reason'],
  })
  async move(@Param('id') id: string, @Body() body: MovePlannedDateDto): Promise<MilestoneResponse> {
    return milestoneResponseOf(await this.movePlannedDate.execute({ milestoneId: id, plannedDate: body.planned_date, reason: body.reason }));
  }

  @Get('milestones/:id/planned-date-changes')
  @ApiOperation({ operationId: 'listMilestonePlannedDateChanges', summary: "The history of a milestone's planned date" })
  @ApiIdParam('id', 'ms', 'The milestone')
  @ApiOkResponse({ type: PlannedDateChangeListResponse, description: 'Every move of the planned date with its reason, oldest first; none when it never moved.' })
  @ApiProblems({ 404: ['milestone.not_found'] })
  async plannedDateChanges(@Param('id') id: string): Promise<PlannedDateChangeListResponse> {
    return { data: (await this.queries.plannedDateChanges(id)).map(plannedDateChangeResponseOf) };
  }
}
