import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { AccessPolicy, ApiIdempotencyKey, ApiIdParam, ApiProblems, type Caller, CurrentCaller, READERS_AND_CLIENT, visibleTo } from '@mb/platform';
import { ApproveChangeOrderHandler } from '../../application/approve-change-order/approve-change-order.handler';
import { ProposeChangeOrderHandler } from '../../application/propose-change-order/propose-change-order.handler';
import { ChangeOrderQueries } from '../../application/queries/change-order.queries';
import { ContractQueries, contractNotFound } from '../../application/queries/contract.queries';
import { RejectChangeOrderHandler } from '../../application/reject-change-order/reject-change-order.handler';
import { ChangeOrderErrors } from '../../domain/change-order/change-order.errors';
import type { MilestoneChangeRequest } from '../../domain/change-order/schedule-change';
import { type MilestoneChangeRequestDto, ProposeChangeOrderDto, RejectChangeOrderDto } from './change-order.dto';
import {
  ChangeOrderListResponse,
  ChangeOrderResponse,
  changeOrderView,
  ScheduleVersionListResponse,
  ScheduleVersionResponse,
  scheduleVersionView,
} from './change-order.response';

const SCHEDULE_REFUSALS = [
  'schedule.empty',
  'schedule.amount_missing',
  'schedule.planned_date_missing',
  'schedule.deemed_acceptance_without_window',
  'schedule.amounts_do_not_add_up',
  'schedule.duplicate_milestone_title',
];

/** Issue 14: change orders to an active contract's schedule, and every version of the schedule. */
@Controller('v1')
@AccessPolicy<ChangeOrdersController>({
  propose: ['admin', 'finance', 'project_manager'],
  listOfContract: READERS_AND_CLIENT,
  get: READERS_AND_CLIENT,
  approve: ['admin', 'client'],
  reject: ['admin', 'client'],
  listVersions: READERS_AND_CLIENT,
  getVersion: READERS_AND_CLIENT,
})
export class ChangeOrdersController {
  constructor(
    private readonly proposeChangeOrder: ProposeChangeOrderHandler,
    private readonly approveChangeOrder: ApproveChangeOrderHandler,
    private readonly rejectChangeOrder: RejectChangeOrderHandler,
    private readonly queries: ChangeOrderQueries,
    private readonly contracts: ContractQueries,
  ) {}

  @Post('contracts/:id/change-orders')
  @ApiOperation({
    operationId: 'proposeChangeOrder',
    summary: "Propose a change to an active contract's schedule",
    description:
      'Adds, removes or changes milestones not yet billed, and may change the total and net_days. With `apply: on_client_approval` (the default) the change order waits for the client ' +
      '(`contract.change_order_proposed`, an email to its approver) until `respond_by`; with `apply: unilateral`, allowed only when the contract allows unilateral changes, it applies at once: ' +
      'a new schedule version and `contract.amended`. A milestone triggered for billing, invoiced, paid or cancelled cannot be touched (409 naming it). One open change order per contract.',
  })
  @ApiIdParam('id', 'con', 'The contract')
  @ApiCreatedResponse({ type: ChangeOrderResponse, description: 'The change order: proposed, or approved when applied unilaterally.' })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['contract.not_found'],
    409: ['change_order.contract_not_active', 'change_order.already_open', 'change_order.milestone_billed', 'change_order.stale', 'contract.concurrent_update'],
    422: [
      'change_order.reason_required',
      'change_order.unilateral_not_allowed',
      'change_order.invalid_respond_within_days',
      'change_order.no_changes',
      'change_order.unknown_milestone',
      'change_order.milestone_changed_twice',
      'change_order.total_required_for_basis_points',
      'change_order.invalid_net_days',
      'change_order.invalid_total_value',
      'change_order.invalid_amount',
      ...SCHEDULE_REFUSALS,
    ],
  })
  @ApiIdempotencyKey()
  async propose(@Param('id') id: string, @Body() body: ProposeChangeOrderDto, @CurrentCaller() caller: Caller): Promise<ChangeOrderResponse> {
    return changeOrderView(
      await this.proposeChangeOrder.execute({
        contractId: id,
        reason: body.reason,
        apply: body.apply ?? 'on_client_approval',
        respondWithinDays: body.respond_within_days,
        proposedBy: caller.subject,
        changes: {
          milestones: (body.changes.milestones ?? []).map(milestoneChangeRequestOf),
          totalValueCents: body.changes.total_value_cents,
          netDays: body.changes.net_days,
        },
      }),
    );
  }

  @Get('contracts/:id/change-orders')
  @ApiOperation({ operationId: 'listChangeOrders', summary: "List a contract's change orders", description: 'Oldest first, in every status.' })
  @ApiIdParam('id', 'con', 'The contract')
  @ApiOkResponse({ type: ChangeOrderListResponse })
  @ApiProblems({ 404: ['contract.not_found'] })
  async listOfContract(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<ChangeOrderListResponse> {
    visibleTo(caller, await this.contracts.contract(id), () => contractNotFound(id));
    return { data: (await this.queries.changeOrdersOfContract(id)).map(changeOrderView) };
  }

  @Get('change-orders/:id')
  @ApiOperation({ operationId: 'getChangeOrder', summary: 'Get a change order' })
  @ApiIdParam('id', 'chg', 'The change order')
  @ApiOkResponse({ type: ChangeOrderResponse })
  @ApiProblems({ 404: ['change_order.not_found'] })
  async get(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<ChangeOrderResponse> {
    return changeOrderView(visibleTo(caller, await this.queries.changeOrder(id), () => ChangeOrderErrors.notFound(id)));
  }

  @Post('change-orders/:id/approve')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'approveChangeOrder',
    summary: 'Approve a proposed change order (the client)',
    description:
      'Applies it, if the contract is still at the schedule version it was made on and nothing it touches was billed since: the contract moves to the next schedule version and `contract.amended` is published.',
  })
  @ApiIdParam('id', 'chg', 'The change order')
  @ApiOkResponse({ type: ChangeOrderResponse, description: 'The change order, approved, with the schedule version it produced.' })
  @ApiProblems({
    404: ['change_order.not_found'],
    409: ['change_order.not_proposed', 'change_order.expired', 'change_order.stale', 'change_order.milestone_billed', 'change_order.concurrent_update', 'contract.concurrent_update'],
  })
  @ApiIdempotencyKey()
  async approve(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<ChangeOrderResponse> {
    // A client answers for its own contracts only; another client's change order is as good as unknown.
    visibleTo(caller, await this.queries.changeOrder(id), () => ChangeOrderErrors.notFound(id));
    return changeOrderView(await this.approveChangeOrder.execute(id, caller.subject));
  }

  @Post('change-orders/:id/reject')
  @HttpCode(200)
  @ApiOperation({ operationId: 'rejectChangeOrder', summary: 'Reject a proposed change order (the client), with a reason', description: 'The contract stays as it is; `contract.change_order_rejected` tells the supplier.' })
  @ApiIdParam('id', 'chg', 'The change order')
  @ApiOkResponse({ type: ChangeOrderResponse, description: 'The change order, rejected.' })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['change_order.not_found'],
    409: ['change_order.not_proposed', 'change_order.expired', 'change_order.concurrent_update'],
    422: ['change_order.rejection_reason_required'],
  })
  @ApiIdempotencyKey()
  async reject(@Param('id') id: string, @Body() body: RejectChangeOrderDto, @CurrentCaller() caller: Caller): Promise<ChangeOrderResponse> {
    visibleTo(caller, await this.queries.changeOrder(id), () => ChangeOrderErrors.notFound(id));
    return changeOrderView(await this.rejectChangeOrder.execute(id, caller.subject, body.reason));
  }

  @Get('contracts/:id/versions')
  @ApiOperation({ operationId: 'listScheduleVersions', summary: "List every version of a contract's schedule", description: 'Version 1 is the contract as created; each later one names the change order that made it.' })
  @ApiIdParam('id', 'con', 'The contract')
  @ApiOkResponse({ type: ScheduleVersionListResponse })
  @ApiProblems({ 404: ['contract.not_found'] })
  async listVersions(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<ScheduleVersionListResponse> {
    visibleTo(caller, await this.contracts.contract(id), () => contractNotFound(id));
    return { data: (await this.queries.scheduleVersionsOf(id)).map(scheduleVersionView) };
  }

  @Get('contracts/:id/versions/:version')
  @ApiOperation({ operationId: 'getScheduleVersion', summary: "Get one version of a contract's schedule" })
  @ApiIdParam('id', 'con', 'The contract')
  @ApiParam({ name: 'version', description: 'The schedule version, from 1.', schema: { type: 'integer', minimum: 1 }, example: 2 })
  @ApiOkResponse({ type: ScheduleVersionResponse })
  @ApiProblems({ 404: ['contract.not_found', 'contract.schedule_version_not_found'] })
  async getVersion(@Param('id') id: string, @Param('version') version: string, @CurrentCaller() caller: Caller): Promise<ScheduleVersionResponse> {
    visibleTo(caller, await this.contracts.contract(id), () => contractNotFound(id));
    // Anything but a version number names no version: a 404, as an unknown number would be.
    if (!/^[1-9][0-9]{0,8}$/.test(version)) throw ChangeOrderErrors.scheduleVersionNotFound(id, Number.NaN);
    return scheduleVersionView(await this.queries.scheduleVersion(id, Number(version)));
  }
}

function milestoneChangeRequestOf(line: MilestoneChangeRequestDto): MilestoneChangeRequest {
  if (line.kind === 'remove') return { kind: 'remove', milestoneIndex: line.milestone_index as number };
  if (line.kind === 'add') {
    const milestone = line.milestone as NonNullable<MilestoneChangeRequestDto['milestone']>;
    return {
      kind: 'add',
      milestone: {
        title: milestone.title,
        acceptanceCriteria: milestone.acceptance_criteria,
        amountCents: milestone.amount_cents,
        amountBps: milestone.amount_bps,
        billingTrigger: milestone.billing_trigger,
        plannedDate: milestone.planned_date ?? null,
        approvalWindowDays: milestone.approval_window_days ?? null,
        deemedAcceptance: milestone.deemed_acceptance ?? false,
        deliverables: milestone.deliverables ?? [],
        payoutDestination: milestone.payout_destination ? { accountToken: milestone.payout_destination.account_token, autoClear: milestone.payout_destination.auto_clear } : null,
      },
    };
  }
  return {
    kind: 'change',
    milestoneIndex: line.milestone_index as number,
    alteration: {
      title: line.title,
      acceptanceCriteria: line.acceptance_criteria,
      amountCents: line.amount_cents,
      amountBps: line.amount_bps,
      billingTrigger: line.billing_trigger,
      plannedDate: line.planned_date,
      approvalWindowDays: line.approval_window_days,
      deemedAcceptance: line.deemed_acceptance,
      deliverables: line.deliverables,
    },
  };
}
