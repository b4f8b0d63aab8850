import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ActivateContractHandler } from '../../application/activate-contract/activate-contract.handler';
import { CreateContractHandler } from '../../application/create-contract/create-contract.handler';
import { ContractQueries } from '../../application/queries/contract.queries';
import { TerminateContractHandler } from '../../application/terminate-contract/terminate-contract.handler';
import { contractView } from './contract.views';
import { CreateContractDto, ListContractsQuery, TerminateContractDto } from './create-contract.dto';

@Controller('v1/contracts')
export class ContractsController {
  constructor(
    private readonly createContract: CreateContractHandler,
    private readonly activateContract: ActivateContractHandler,
    private readonly terminateContract: TerminateContractHandler,
    private readonly queries: ContractQueries,
  ) {}

  @Post()
  async create(@Body() body: CreateContractDto) {
    const contract = await this.createContract.execute({
      clientId: body.client_id,
      title: body.title,
      currency: body.currency,
      totalValueCents: body.total_value_cents,
      netDays: body.net_days,
      taxRateBps: body.tax_rate_bps,
      retainageBps: body.retainage_bps,
      purchaseOrderRef: body.purchase_order_ref ?? null,
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
    return contractView(contract);
  }

  @Get()
  async list(@Query() query: ListContractsQuery) {
    return { data: (await this.queries.contractsOfClient(query.client_id)).map(contractView) };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    return contractView(await this.queries.contract(id));
  }

  @Post(':id/activate')
  @HttpCode(200)
  async activate(@Param('id') id: string) {
    return contractView(await this.activateContract.execute(id));
  }

  @Post(':id/terminate')
  @HttpCode(200)
  async terminate(@Param('id') id: string, @Body() body: TerminateContractDto) {
    return contractView(await this.terminateContract.execute(id, body.reason));
  }
}
