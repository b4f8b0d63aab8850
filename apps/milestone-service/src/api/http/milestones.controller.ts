import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApproveMilestoneHandler } from '../../application/approve-milestone/approve-milestone.handler';
import { CancelMilestoneHandler } from '../../application/cancel-milestone/cancel-milestone.handler';
import { MilestoneQueries } from '../../application/queries/milestone.queries';
import { RejectMilestoneHandler } from '../../application/reject-milestone/reject-milestone.handler';
import { StartMilestoneHandler } from '../../application/start-milestone/start-milestone.handler';
import { SubmitMilestoneHandler } from '../../application/submit-milestone/submit-milestone.handler';
import { CancelMilestoneDto, RejectMilestoneDto, SubmitMilestoneDto } from './milestone.dto';
import { MilestoneResponse, milestoneResponseOf } from './milestone.response';

/** The milestone lifecycle over HTTP; an illegal transition is a 409 milestone.illegal_transition. */
@Controller('v1')
export class MilestonesController {
  constructor(
    private readonly queries: MilestoneQueries,
    private readonly startMilestone: StartMilestoneHandler,
    private readonly submitMilestone: SubmitMilestoneHandler,
    private readonly approveMilestone: ApproveMilestoneHandler,
    private readonly rejectMilestone: RejectMilestoneHandler,
    private readonly cancelMilestone: CancelMilestoneHandler,
  ) {}

  @Get('contracts/:contractId/milestones')
  async listByContract(@Param('contractId') contractId: string): Promise<{ data: MilestoneResponse[] }> {
    return { data: (await this.queries.byContract(contractId)).map(milestoneResponseOf) };
  }

  @Get('milestones/:id')
  async get(@Param('id') id: string): Promise<MilestoneResponse> {
    return milestoneResponseOf(await this.queries.byId(id));
  }

  @Post('milestones/:id/start')
  @HttpCode(200)
  async start(@Param('id') id: string): Promise<MilestoneResponse> {
    return milestoneResponseOf(await this.startMilestone.execute(id));
  }

  @Post('milestones/:id/submit')
  @HttpCode(200)
  async submit(@Param('id') id: string, @Body() body: SubmitMilestoneDto): Promise<MilestoneResponse> {
    return milestoneResponseOf(await this.submitMilestone.execute(id, body.evidence_url));
  }

  @Post('milestones/:id/approve')
  @HttpCode(200)
  async approve(@Param('id') id: string): Promise<MilestoneResponse> {
    return milestoneResponseOf(await this.approveMilestone.execute(id));
  }

  @Post('milestones/:id/reject')
  @HttpCode(200)
  async reject(@Param('id') id: string, @Body() body: RejectMilestoneDto): Promise<MilestoneResponse> {
    return milestoneResponseOf(await this.rejectMilestone.execute(id, body.reason));
  }

  @Post('milestones/:id/cancel')
  @HttpCode(200)
  async cancel(@Param('id') id: string, @Body() body: CancelMilestoneDto): Promise<MilestoneResponse> {
    return milestoneResponseOf(await this.cancelMilestone.execute(id, body.reason));
  }
}
