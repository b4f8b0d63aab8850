import { GrpcMethod } from '@nestjs/microservices';
import { GRPC_APIS } from '@mb/grpc';
import type { Metadata } from '@grpc/grpc-js';
import { AccessPolicyFrom, callerOfCall, GrpcController, onlyVisibleTo, validRequest, visibleTo } from '@mb/platform';
import { MilestonesController } from '../http/milestones.controller';
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
  CancelMilestoneRequestDto,
  ListMilestonesRequestDto,
  MilestoneIdRequestDto,
  MovePlannedDateRequestDto,
  PlaceBillingHoldRequestDto,
  RejectMilestoneRequestDto,
  ReleaseBillingHoldRequestDto,
  SubmitMilestoneRequestDto,
} from './milestone.dto';
import { milestoneMessage, plannedDateChangeMessage } from './milestone.response';

const { serviceName } = GRPC_APIS.milestone;

/** The milestone lifecycle over gRPC: the use cases of MilestonesController. */
@GrpcController()
@AccessPolicyFrom<MilestonesGrpcController>([MilestonesController], {
  list: 'listContractMilestones',
  get: 'getMilestone',
  start: 'startMilestone',
  submit: 'submitMilestone',
  approve: 'approveMilestone',
  reject: 'rejectMilestone',
  cancel: 'cancelMilestone',
  placeHold: 'placeBillingHold',
  releaseHold: 'releaseBillingHold',
  move: 'moveMilestonePlannedDate',
  plannedDateChanges: 'listMilestonePlannedDateChanges',
})
export class MilestonesGrpcController {
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

  @GrpcMethod(serviceName, 'ListMilestones')
  async list(request: object, metadata: Metadata) {
    const { contract_id } = await validRequest(ListMilestonesRequestDto, request);
    return { milestones: onlyVisibleTo(callerOfCall(metadata), await this.queries.byContract(contract_id)).map(milestoneMessage) };
  }

  @GrpcMethod(serviceName, 'GetMilestone')
  async get(request: object, metadata: Metadata) {
    const { milestone_id } = await validRequest(MilestoneIdRequestDto, request);
    return { milestone: milestoneMessage(visibleTo(callerOfCall(metadata), await this.queries.byId(milestone_id), () => milestoneNotFound(milestone_id))) };
  }

  @GrpcMethod(serviceName, 'StartMilestone')
  async start(request: object) {
    const { milestone_id } = await validRequest(MilestoneIdRequestDto, request);
    return { milestone: milestoneMessage(await this.startMilestone.execute(milestone_id)) };
  }

  @GrpcMethod(serviceName, 'SubmitMilestone')
  async submit(request: object) {
    const { milestone_id, evidence_url } = await validRequest(SubmitMilestoneRequestDto, request);
    return { milestone: milestoneMessage(await this.submitMilestone.execute(milestone_id, evidence_url)) };
  }

  @GrpcMethod(serviceName, 'ApproveMilestone')
  async approve(request: object, metadata: Metadata) {
    const { milestone_id } = await validRequest(MilestoneIdRequestDto, request);
    visibleTo(callerOfCall(metadata), await this.queries.byId(milestone_id), () => milestoneNotFound(milestone_id));
    return { milestone: milestoneMessage(await this.approveMilestone.execute(milestone_id)) };
  }

  @GrpcMethod(serviceName, 'RejectMilestone')
  async reject(request: object, metadata: Metadata) {
    const { milestone_id, reason } = await validRequest(RejectMilestoneRequestDto, request);
    visibleTo(callerOfCall(metadata), await this.queries.byId(milestone_id), () => milestoneNotFound(milestone_id));
    return { milestone: milestoneMessage(await this.rejectMilestone.execute(milestone_id, reason)) };
  }

  @GrpcMethod(serviceName, 'CancelMilestone')
  async cancel(request: object) {
    const { milestone_id, reason } = await validRequest(CancelMilestoneRequestDto, request);
    return { milestone: milestoneMessage(await this.cancelMilestone.execute(milestone_id, reason)) };
  }

  @GrpcMethod(serviceName, 'PlaceBillingHold')
  async placeHold(request: object) {
    const { milestone_id, reason, placed_by } = await validRequest(PlaceBillingHoldRequestDto, request);
    return { milestone: milestoneMessage(await this.placeBillingHold.execute({ milestoneId: milestone_id, reason, placedBy: placed_by })) };
  }

  @GrpcMethod(serviceName, 'ReleaseBillingHold')
  async releaseHold(request: object) {
    const { milestone_id, released_by } = await validRequest(ReleaseBillingHoldRequestDto, request);
    return { milestone: milestoneMessage(await this.releaseBillingHold.execute({ milestoneId: milestone_id, releasedBy: released_by })) };
  }

  @GrpcMethod(serviceName, 'MovePlannedDate')
  async move(request: object) {
    const { milestone_id, planned_date, reason } = await validRequest(MovePlannedDateRequestDto, request);
    return { milestone: milestoneMessage(await this.movePlannedDate.execute({ milestoneId: milestone_id, plannedDate: planned_date, reason })) };
  }

  @GrpcMethod(serviceName, 'ListPlannedDateChanges')
  async plannedDateChanges(request: object) {
    const { milestone_id } = await validRequest(MilestoneIdRequestDto, request);
    return { changes: (await this.queries.plannedDateChanges(milestone_id)).map(plannedDateChangeMessage) };
  }
}
