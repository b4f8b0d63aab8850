import { GrpcMethod } from '@nestjs/microservices';
import { domainEnumValue, GRPC_APIS } from '@mb/grpc';
import type { Metadata } from '@grpc/grpc-js';
import { AccessPolicyFrom, callerOfCall, GrpcController, onlyVisibleTo, validRequest, visibleTo } from '@mb/platform';
import { ContractsController } from '../http/contracts.controller';
import { ActivateContractHandler } from '../../application/activate-contract/activate-contract.handler';
import { CreateContractHandler } from '../../application/create-contract/create-contract.handler';
import { ContractQueries, contractNotFound } from '../../application/queries/contract.queries';
import { TerminateContractHandler } from '../../application/terminate-contract/terminate-contract.handler';
import { CreateContractDto, ListContractsQuery } from '../http/create-contract.dto';
import type { ContractSnapshot } from '../../domain/contract/contract';
import { NO_PROGRESS_HEARD } from '../../domain/contract/milestone-progress';
import { ContractIdRequestDto, TerminateContractRequestDto } from './contract.dto';
import { contractMessage } from './contract.response';

const { serviceName } = GRPC_APIS.contract;

interface CreateContractRequest {
  readonly milestones?: readonly { readonly billing_trigger?: unknown }[];
}

/** Contracts over gRPC: the use cases of ContractsController. */
@GrpcController()
@AccessPolicyFrom<ContractsGrpcController>([ContractsController], {
  create: 'createContract',
  get: 'getContract',
  list: 'listContracts',
  activate: 'activateContract',
  terminate: 'terminateContract',
})
export class ContractsGrpcController {
  constructor(
    private readonly createContract: CreateContractHandler,
    private readonly activateContract: ActivateContractHandler,
    private readonly terminateContract: TerminateContractHandler,
    private readonly queries: ContractQueries,
  ) {}

  @GrpcMethod(serviceName, 'CreateContract')
  async create(request: CreateContractRequest) {
    // The REST body's rules, once the billing triggers are in the REST spelling.
    const body = await validRequest(CreateContractDto, {
      ...request,
      milestones: (request.milestones ?? []).map((milestone) => ({ ...milestone, billing_trigger: domainEnumValue('BILLING_TRIGGER', milestone.billing_trigger) })),
    });
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
    return { contract: contractMessage(contract, NO_PROGRESS_HEARD) };
  }

  @GrpcMethod(serviceName, 'GetContract')
  async get(request: object, metadata: Metadata) {
    const { contract_id } = await validRequest(ContractIdRequestDto, request);
    return { contract: await this.messageWithProgress(visibleTo(callerOfCall(metadata), await this.queries.contract(contract_id), () => contractNotFound(contract_id))) };
  }

  @GrpcMethod(serviceName, 'ListContracts')
  async list(request: object, metadata: Metadata) {
    const { client_id } = await validRequest(ListContractsQuery, request);
    const contracts = await this.queries.withProgress(onlyVisibleTo(callerOfCall(metadata), await this.queries.contractsOfClient(client_id)));
    return { contracts: contracts.map(({ contract, progress }) => contractMessage(contract, progress)) };
  }

  @GrpcMethod(serviceName, 'ActivateContract')
  async activate(request: object) {
    const { contract_id } = await validRequest(ContractIdRequestDto, request);
    return { contract: await this.messageWithProgress(await this.activateContract.execute(contract_id)) };
  }

  @GrpcMethod(serviceName, 'TerminateContract')
  async terminate(request: object, metadata: Metadata) {
    const { contract_id, reason } = await validRequest(TerminateContractRequestDto, request);
    // The gRPC request carries no effective date or partial billing: effective today, nothing billed partially.
    const terminated = await this.terminateContract.execute({ contractId: contract_id, reason, terminatedBy: callerOfCall(metadata).subject });
    return { contract: await this.messageWithProgress(terminated) };
  }

  private async messageWithProgress(contract: ContractSnapshot) {
    return contractMessage(contract, await this.queries.milestoneProgress(contract.id));
  }
}
