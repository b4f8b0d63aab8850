import { GrpcMethod } from '@nestjs/microservices';
import { GRPC_APIS } from '@mb/grpc';
import { GrpcController, validRequest } from '@mb/platform';
import { MilestoneCommand, ProgressMilestoneHandler } from '../../application/progress-milestone/progress-milestone.handler';
import { MilestoneQueries } from '../../application/queries/milestone.queries';
import { CancelMilestoneRequestDto, ListMilestonesRequestDto, MilestoneIdRequestDto, RejectMilestoneRequestDto, SubmitMilestoneRequestDto } from './milestone.dto';
import { milestoneMessage } from './milestone.response';

const { serviceName } = GRPC_APIS.milestone;

/** The milestone lifecycle over gRPC: the use cases of MilestonesController. */
@GrpcController()
export class MilestonesGrpcController {
  constructor(
    private readonly queries: MilestoneQueries,
    private readonly progress: ProgressMilestoneHandler,
  ) {}

  @GrpcMethod(serviceName, 'ListMilestones')
  async list(request: object) {
    const { contract_id } = await validRequest(ListMilestonesRequestDto, request);
    return { milestones: (await this.queries.byContract(contract_id)).map(milestoneMessage) };
  }

  @GrpcMethod(serviceName, 'GetMilestone')
  async get(request: object) {
    const { milestone_id } = await validRequest(MilestoneIdRequestDto, request);
    return { milestone: milestoneMessage(await this.queries.byId(milestone_id)) };
  }

  @GrpcMethod(serviceName, 'StartMilestone')
  async start(request: object) {
    const { milestone_id } = await validRequest(MilestoneIdRequestDto, request);
    return this.run(milestone_id, { intent: 'start' });
  }

  @GrpcMethod(serviceName, 'SubmitMilestone')
  async submit(request: object) {
    const { milestone_id, evidence_url } = await validRequest(SubmitMilestoneRequestDto, request);
    return this.run(milestone_id, { intent: 'submit', evidenceUrl: evidence_url });
  }

  @GrpcMethod(serviceName, 'ApproveMilestone')
  async approve(request: object) {
    const { milestone_id } = await validRequest(MilestoneIdRequestDto, request);
    return this.run(milestone_id, { intent: 'approve' });
  }

  @GrpcMethod(serviceName, 'RejectMilestone')
  async reject(request: object) {
    const { milestone_id, reason } = await validRequest(RejectMilestoneRequestDto, request);
    return this.run(milestone_id, { intent: 'reject', reason });
  }

  @GrpcMethod(serviceName, 'CancelMilestone')
  async cancel(request: object) {
    const { milestone_id, reason } = await validRequest(CancelMilestoneRequestDto, request);
    return this.run(milestone_id, { intent: 'cancel', reason });
  }

  private async run(milestoneId: string, command: MilestoneCommand) {
    return { milestone: milestoneMessage(await this.progress.execute(milestoneId, command)) };
  }
}
