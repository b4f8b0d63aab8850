import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy, ApiIdempotencyKey, ApiIdParam, ApiProblems, type Caller, CurrentCaller, onlyVisibleTo, READERS_AND_CLIENT, visibleTo } from '@mb/platform';
import { ActivateContractHandler } from '../../application/activate-contract/activate-contract.handler';
import { CreateContractHandler } from '../../application/create-contract/create-contract.handler';
import { ContractQueries, contractNotFound } from '../../application/queries/contract.queries';
import { TerminateContractHandler } from '../../application/terminate-contract/terminate-contract.handler';
import type { ContractSnapshot } from '../../domain/contract/contract';
import { NO_PROGRESS_HEARD } from '../../domain/contract/milestone-progress';
import { TERMINATION_ERRORS } from '../../domain/contract/termination-settlement';
import { ContractListResponse, ContractResponse, contractView } from './contract.response';
import { CreateContractDto, ListContractsQuery, TerminateContractDto } from './create-contract.dto';

@Controller('v1/contracts')
@AccessPolicy<ContractsController>({
  create: ['admin', 'project_manager'],
  list: READERS_AND_CLIENT,
  get: READERS_AND_CLIENT,
  activate: ['admin', 'project_manager'],
  terminate: ['admin', 'project_manager'],
})
export class ContractsController {
  constructor(
    private readonly createContract: CreateContractHandler,
    private readonly activateContract: ActivateContractHandler,
    private readonly terminateContract: TerminateContractHandler,
    private readonly queries: ContractQueries,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'createContract',
    summary: 'Draft a contract with its payment schedule',
    description:
      'The schedule gives every amount in basis points of the total (amount_bps) or every amount in cents (amount_cents). ' +
      'A schedule with errors is refused and nothing is saved; a risky one is saved as a draft with its `warnings`.',
  })
  @ApiCreatedResponse({ type: ContractResponse, description: 'The draft contract, with its schedule resolved to cents and its warnings.' })
  @ApiProblems({
    400: ['request.invalid'],
    422: [
      'contract.unknown_client',
      'contract.title_required',
      'contract.unknown_currency',
      'contract.invalid_total_value',
      'contract.invalid_tax_rate_bps',
      'contract.invalid_retainage_bps',
      'contract.invalid_net_days',
      'contract.invalid_advance_notice_days',
      'contract.retainage_release_date_without_retainage',
      'schedule.empty',
      'schedule.amount_missing',
      'schedule.planned_date_missing',
      'schedule.deemed_acceptance_without_window',
      'schedule.mixed_amount_styles',
      'schedule.amounts_do_not_add_up',
      'schedule.duplicate_milestone_title',
    ],
  })
  @ApiIdempotencyKey()
  async create(@Body() body: CreateContractDto): Promise<ContractResponse> {
    const contract = await this.createContract.execute({
      clientId: body.client_id,
      title: body.title,
      currency: body.currency,
      totalValueCents: body.total_value_cents,
      netDays: body.net_days,
      taxRateBps: body.tax_rate_bps,
      retainageBps: body.retainage_bps,
      purchaseOrderRef: body.purchase_order_ref ?? null,
      advanceNoticeDays: body.advance_notice_days,
      retainageReleaseDate: body.retainage_release_date ?? null,
      allowsUnilateralChanges: body.allows_unilateral_changes ?? false,
      milestones: body.milestones.map((milestone) => ({
        title: milestone.title,
        acceptanceCriteria: milestone.acceptance_criteria,
        amountBps: milestone.amount_bps,
        amountCents: milestone.amount_cents,
        billingTrigger: milestone.billing_trigger,
        plannedDate: milestone.planned_date ?? null,
        approvalWindowDays: milestone.approval_window_days ?? null,
        deemedAcceptance: milestone.deemed_acceptance ?? false,
        deliverables: milestone.deliverables ?? [],
        payoutDestination: milestone.payout_destination
          ? { accountToken: milestone.payout_destination.account_token, autoClear: milestone.payout_destination.auto_clear }
          : null,
      })),
    });
    // A contract just drafted: milestone-service has not heard of it, nor announced anything of it.
    return contractView(contract, NO_PROGRESS_HEARD);
  }

  @Get()
  @ApiOperation({ operationId: 'listContracts', summary: "List a client's contracts" })
  @ApiOkResponse({ type: ContractListResponse, description: "The client's contracts; none for a client without any (or unknown)." })
  @ApiProblems({ 400: ['request.invalid'] })
  async list(@Query() query: ListContractsQuery, @CurrentCaller() caller: Caller): Promise<ContractListResponse> {
    const contracts = await this.queries.withProgress(onlyVisibleTo(caller, await this.queries.contractsOfClient(query.client_id)));
    return { data: contracts.map(({ contract, progress }) => contractView(contract, progress)) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getContract', summary: 'Get a contract' })
  @ApiIdParam('id', 'con', 'The contract')
  @ApiOkResponse({ type: ContractResponse, description: 'The contract with its current schedule.' })
  @ApiProblems({ 404: ['contract.not_found'] })
  async get(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<ContractResponse> {
    return this.viewWithProgress(visibleTo(caller, await this.queries.contract(id), () => contractNotFound(id)));
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiOperation({ operationId: 'activateContract', summary: 'Activate (sign) a draft contract', description: 'The schedule becomes binding and `contract.activated` is published.' })
  @ApiIdParam('id', 'con', 'The contract')
  @ApiOkResponse({ type: ContractResponse, description: 'The contract, now active.' })
  @ApiProblems({ 404: ['contract.not_found'], 409: ['contract.not_draft', 'contract.concurrent_update'] })
  @ApiIdempotencyKey()
  async activate(@Param('id') id: string): Promise<ContractResponse> {
    return this.viewWithProgress(await this.activateContract.execute(id));
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'terminateContract',
    summary: 'Terminate a draft or active contract, settling its schedule',
    description:
      'Billed milestones stay billed; approved ones are billed now; milestones in progress, submitted or rejected named in `partial_billing` are billed for that share ' +
      '(the rest cancelled); every other unbilled milestone is cancelled and its draft invoice discarded. Retainage withheld so far is released once nothing is left to bill. ' +
      '`contract.terminated` carries the settlement, exact to the cent: billed + cancelled = the contract value.',
  })
  @ApiIdParam('id', 'con', 'The contract')
  @ApiOkResponse({ type: ContractResponse, description: 'The contract, now terminated.' })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['contract.not_found'],
    409: ['contract.illegal_transition', 'contract.concurrent_update', TERMINATION_ERRORS.notPartiallyBillable],
    422: [
      'contract.termination_reason_required',
      'contract.termination_before_activation',
      TERMINATION_ERRORS.unknownMilestone,
      TERMINATION_ERRORS.duplicateMilestone,
      TERMINATION_ERRORS.invalidPercent,
      TERMINATION_ERRORS.invalidReference,
    ],
  })
  @ApiIdempotencyKey()
  async terminate(@Param('id') id: string, @Body() body: TerminateContractDto, @CurrentCaller() caller: Caller): Promise<ContractResponse> {
    return this.viewWithProgress(
      await this.terminateContract.execute({
        contractId: id,
        reason: body.reason,
        effectiveDate: body.effective_date,
        partialBilling: (body.partial_billing ?? []).map((partial) => ({
          milestoneIndex: partial.milestone_index,
          percentBps: partial.percent_bps,
          basis: partial.basis,
          agreementReference: partial.agreement_reference,
        })),
        terminatedBy: caller.subject,
      }),
    );
  }

  private async viewWithProgress(contract: ContractSnapshot): Promise<ContractResponse> {
    return contractView(contract, await this.queries.milestoneProgress(contract.id));
  }
}
